/**
 * `npm run tenant -- <command> …`: the operator's commands for where organizations live
 * (API.md, "Operating many tenants"). Each command is a module of its own in ./tenant/.
 */
import { ConfigError, loadConfig } from '../config.js';
import { openOperator, OperatorError, type Operator } from '../platform/tenants/operator.js';
import { backupsCommand } from './tenant/backups.js';
import { exportCommand } from './tenant/export.js';
import { importCommand } from './tenant/import.js';
import { listCommand } from './tenant/list.js';
import { moveCommand } from './tenant/move.js';
import { pitrStanzaCommand } from './tenant/pitr-stanza.js';

export interface TenantCommand {
  usage: string;
  /** Answers the exit code; prints its result to stdout, its progress to stderr. */
  run(operator: Operator, args: string[]): Promise<number>;
}

const commands: Record<string, TenantCommand> = {
  list: listCommand,
  move: moveCommand,
  export: exportCommand,
  import: importCommand,
  backups: backupsCommand,
  'pitr-stanza': pitrStanzaCommand,
};

function usage(): string {
  return ['usage: npm run tenant -- <command>', ...Object.values(commands).map((command) => `  ${command.usage}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(usage());
    return 2;
  }
  const operator = await openOperator(loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }));
  try {
    return await command.run(operator, args);
  } finally {
    await operator.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof OperatorError) console.error(error.message);
    else console.error(`tenant: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
