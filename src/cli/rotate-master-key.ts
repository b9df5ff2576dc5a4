/**
 * `npm run rotate-master-key`: with MASTER_KEY set to the new key and MASTER_KEY_PREVIOUS to
 * the old one (the servers run with both meanwhile), seals every secret at rest again under the
 * new key, in the shared database and every dedicated one, and checks that none is left under
 * another (docs/self-hosting.md, "Rotating the master key"). One JSON line per database.
 */
import { ConfigError, DATABASE_URL_PURPOSE, loadConfig } from '../config.js';
import { rotateSecrets } from '../platform/secrets/rotate.js';
import { secretBoxOf } from '../platform/secrets/secret-box.js';
import { openOperator } from '../platform/tenants/operator.js';

async function main(): Promise<number> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  if (!config.MASTER_KEY) throw new ConfigError('set MASTER_KEY to the new key (and MASTER_KEY_PREVIOUS to the one it replaces)');
  const box = secretBoxOf(config);
  const operator = await openOperator(config);
  let left = 0;
  try {
    for (const name of ['shared', ...Object.keys(config.TENANT_DATABASES)]) {
      const result = await rotateSecrets(operator.database(name), box);
      left += result.left;
      console.log(JSON.stringify({ database: name, keyId: box.keyId, ...result }));
    }
  } finally {
    await operator.close();
  }
  // The dedicated databases' URLs live in the environment, which this cannot rewrite: it prints them sealed anew.
  if (Object.keys(config.TENANT_DATABASES).length > 0) {
    const resealed = Object.fromEntries(Object.entries(config.TENANT_DATABASES).map(([name, url]) => [name, box.seal(url, DATABASE_URL_PURPOSE)]));
    console.log(JSON.stringify({ setInTheEnvironment: { TENANT_DATABASES: JSON.stringify(resealed) } }));
  }
  if (left > 0) console.error(`${left} secrets are still under another key: run again (a server without MASTER_KEY may have written them)`);
  return left > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `rotate-master-key: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
