/**
 * `npm run demo`: fills the configured database (as `npm start` would open it) with a demo
 * bakery, through the API, and prints how to sign in. When a MonoPilot server is already
 * running on PORT it seeds through that server: an embedded database (PGlite) can only be
 * open in one process, and going through the running server keeps its caches right.
 */
import { ConfigError, loadConfig } from '../config.js';
import { createServer, type Server } from '../server.js';
import { seedDemo } from './demo/bakery.js';
import { DemoError, httpTransport, injectTransport, signingUpIn, type ApiAnswer, type ApiTransport } from './demo/transport.js';
import { signup } from '../modules/settings/auth.service.js';
import { signupBody } from '../modules/settings/auth.schema.js';
import { AppError } from '../platform/http/errors.js';

/** `--database <name>`: the demo bakery is made in that dedicated database (TENANT_DATABASES) instead of the shared one. */
function databaseArgument(argv: string[]): string | null {
  const index = argv.indexOf('--database');
  if (index === -1) return null;
  const name = argv[index + 1];
  if (!name) throw new DemoError('--database needs a name from TENANT_DATABASES (or "shared")');
  return name;
}

/** The operator's signup into a named database, answered the way the API would answer it. */
function signupInto(server: Server, database: string) {
  return async (body: unknown): Promise<ApiAnswer> => {
    try {
      return { status: 201, body: await signup(server.platform, signupBody.parse(body), database) };
    } catch (error) {
      if (error instanceof AppError) return { status: error.status, body: { detail: error.message } };
      throw error;
    }
  };
}

/** The base URL of a MonoPilot answering on this port, if one does. */
async function runningServer(port: number): Promise<string | null> {
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
    const body = (await response.json()) as { checks?: { database?: unknown } };
    return body.checks?.database ? baseUrl : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  let server: Server | null = null;
  let transport: ApiTransport;
  const database = databaseArgument(process.argv.slice(2));
  // The organization is created by this process in the named database, so through a server of its own.
  const running = database ? null : await runningServer(config.PORT);
  if (database) {
    if (database !== 'shared' && !config.TENANT_DATABASES[database]) throw new DemoError(`TENANT_DATABASES names no database "${database}"`);
    if (!config.DATABASE_URL && (await runningServer(config.PORT))) {
      throw new DemoError('a server is running on the embedded database, which only one process may open: stop it for `npm run demo -- --database`, or use DATABASE_URL');
    }
    server = await createServer(config);
    console.log(`Seeding a demo bakery in the database "${database}"`);
    transport = signingUpIn(injectTransport(server.app), signupInto(server, database));
  } else if (running) {
    console.log(`Seeding through the MonoPilot server running at ${running.replace('127.0.0.1', 'localhost')}`);
    transport = httpTransport(running);
  } else {
    server = await createServer(config);
    console.log(`Seeding the ${server.platform.db.kind === 'pglite' ? `embedded database in ${config.DATA_DIR}` : 'PostgreSQL database of DATABASE_URL'}`);
    transport = injectTransport(server.app);
  }
  try {
    const login = await seedDemo(transport, { log: (line) => console.log(`  ${line}`) });
    console.log(`
The demo bakery "${login.organizationName}" is ready.
  Sign in at http://localhost:${config.PORT}${running ? '' : ' (after npm start)'}
    email:    ${login.email}
    password: ${login.password}
  Try: Trace → by product and lot → "Wheat flour type 650", lot ${login.flourLot} → Where it went;
       or License plates → a "Sourdough loaf 800 g" plate (lot ${login.loafLot}) → where it came from;
       or NCRs → ${login.ncrNumber}, opened when a wet rye delivery failed its receipt inspection.
  (The bakery's other people, e.g. the operator ${login.staffEmail}, sign in with the same password.)`);
  } finally {
    await server?.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof DemoError) console.error(error.message);
    else console.error(`The demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
