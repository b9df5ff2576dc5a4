import { openPostgres } from './src/platform/db/database.js';
import { migrate } from './src/platform/db/migrate.js';
const db = openPostgres(process.argv[2]!);
console.log(await migrate(db));
await db.close();
