/**
 * Builds the web app into dist/web when its sources changed since the last build, so that
 * `npm start` on a fresh clone serves the app and a second start costs a few milliseconds.
 * The sources are fingerprinted by content (not mtime: a checkout resets mtimes).
 * Usage: `node web/build.ts` (only when stale) or `node web/build.ts --force`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { appSections } from './src/sections.ts';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const rootDir = join(webDir, '..');
const distDir = join(rootDir, 'dist', 'web');
const stampFile = join(distDir, '.source-hash');
const inputs = ['index.html', 'vite.config.ts', 'build.ts', 'src', 'public'].map((name) => join(webDir, name)).concat(join(rootDir, 'package-lock.json'));

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/** A hash over the names and contents of everything the build reads. */
export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(filesUnder)) {
    hash.update(relative(rootDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function isWebBuildFresh(): boolean {
  return existsSync(join(distDir, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === sourceHash();
}

const compressible = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.webmanifest', '.txt', '.map']);
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Writes file.br and file.gz beside every text asset over 1 KB, at the highest levels (once per build,
 * so the server sends them as they are: @fastify/static's preCompressed, src/web.ts). A compressed
 * file no smaller than its source is not kept.
 */
export async function precompress(dir: string): Promise<void> {
  const files = filesUnder(dir).filter((file) => compressible.has(extname(file)) && statSync(file).size > 1024);
  await Promise.all(
    files.map(async (file) => {
      const source = readFileSync(file);
      const [br, gz] = await Promise.all([
        brotli(source, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: source.length } }),
        gzipped(source, { level: 9 }),
      ]);
      if (br.length < source.length) writeFileSync(`${file}.br`, br);
      if (gz.length < source.length) writeFileSync(`${file}.gz`, gz);
    }),
  );
}

/** Builds unless fresh (or always with force); answers whether it built. */
export async function buildWeb(options: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (!options.force && isWebBuildFresh()) return false;
  const hash = sourceHash();
  const started = performance.now();
  const { build } = await import('vite');
  // Vite and its React plugin follow NODE_ENV, which is `test` when the browser tests build the app: the
  // development build they would make is not what ships, and it would stay in dist/web for `npm start`.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(webDir, 'vite.config.ts'), logLevel: options.quiet ? 'warn' : 'info' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  // The server answers these paths with index.html; it reads them here, so the compiled server needs no web sources.
  writeFileSync(join(distDir, 'sections.json'), JSON.stringify(appSections));
  await precompress(distDir);
  writeFileSync(stampFile, hash);
  console.warn(`web app built into dist/web in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force');
  buildWeb({ force, quiet: !force }).catch((error: unknown) => {
    console.error(`web build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
