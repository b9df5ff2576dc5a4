import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TenantCommand } from '../tenant.js';
import { OperatorError } from '../../platform/tenants/operator.js';
import { applyArchiving, DEFAULT_CONFIG_PATH, pitrStanzaOf } from '../../platform/tenants/pitr-stanza.js';

const usage =
  'pitr-stanza <database> --pg-path <data dir> [--retention-days <n>] [--pg-host <host>] [--pg-socket-path <dir>] [--config-path <dir>] [--apply]   a dedicated database\'s own pgBackRest stanza (conf.d/tenant-<database>.conf); --apply turns archiving on in its server';

const valued = new Set(['--pg-path', '--retention-days', '--pg-host', '--pg-socket-path', '--config-path']);

function flagsOf(args: string[]): { values: Map<string, string>; apply: boolean } {
  const values = new Map<string, string>();
  let apply = false;
  for (let index = 0; index < args.length; index++) {
    const flag = args[index]!;
    if (flag === '--apply') apply = true;
    else if (valued.has(flag) && args[index + 1] !== undefined && !values.has(flag)) values.set(flag, args[++index]!);
    else throw new OperatorError(`usage: npm run tenant -- ${usage}`);
  }
  return { values, apply };
}

export const pitrStanzaCommand: TenantCommand = {
  usage,
  async run(operator, args) {
    const [database, ...rest] = args;
    const { values, apply } = flagsOf(rest);
    const url = database ? operator.urlOf(database) : null;
    if (!database || database === 'shared' || !url) throw new OperatorError(`name a dedicated database of TENANT_DATABASES (${Object.keys(operator.config.TENANT_DATABASES).join(', ') || 'none'}); the shared server is stanza "main" (ops/pgbackrest)`);
    const pgPath = values.get('--pg-path');
    if (!pgPath) throw new OperatorError('--pg-path (the server\'s data directory) is required');
    const configPath = values.get('--config-path') ?? DEFAULT_CONFIG_PATH;
    let stanza;
    try {
      stanza = pitrStanzaOf({ database, url, pgPath, pgHost: values.get('--pg-host'), pgSocketPath: values.get('--pg-socket-path'), retentionDays: Number(values.get('--retention-days') ?? 7), configPath });
    } catch (error) {
      throw new OperatorError((error as Error).message);
    }
    const file = join(configPath, 'conf.d', `${stanza.name}.conf`);
    await mkdir(join(configPath, 'conf.d'), { recursive: true });
    await writeFile(file, stanza.section);
    const archiving = apply ? await applyArchiving(operator.database(database), stanza) : null;
    const next = [
      ...(archiving?.restartNeeded ? [`restart the "${database}" server (archive_mode)`] : []),
      ...(apply ? [] : [`set archive_command = '${stanza.archiveCommand}' on the "${database}" server (or run again with --apply)`]),
      `pgbackrest --stanza=${stanza.name} stanza-create`,
      `pgbackrest --stanza=${stanza.name} --type=full backup`,
      `add its lines to /etc/cron.d/monopilot-backup (ops/pgbackrest/monopilot-backup.cron)`,
    ];
    console.log(JSON.stringify({ stanza: stanza.name, file, archiveCommand: stanza.archiveCommand, restartNeeded: archiving?.restartNeeded ?? null, next }));
    return 0;
  },
};
