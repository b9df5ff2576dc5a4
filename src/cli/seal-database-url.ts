/**
 * `npm run seal-database-url -- <postgres url>`: the URL sealed with MASTER_KEY, to give as a
 * value of TENANT_DATABASES (so the environment holds no database password in clear). The
 * server opens it at start-up with MASTER_KEY, or MASTER_KEY_PREVIOUS during a rotation.
 */
import { ConfigError, DATABASE_URL_PURPOSE, loadConfig } from '../config.js';
import { secretBoxOf } from '../platform/secrets/secret-box.js';

try {
  const [url] = process.argv.slice(2);
  const config = loadConfig();
  if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new ConfigError('usage: npm run seal-database-url -- postgres://user:password@host:5432/database');
  if (!config.MASTER_KEY) throw new ConfigError('set MASTER_KEY: the URL is sealed with it');
  console.log(secretBoxOf(config).seal(url, DATABASE_URL_PURPOSE));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
