import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createLogger } from '../log.js';
import { afterCommit, TenantRegistry, withTenant, type TenantScope } from './tenancy.js';

// After-commit work (cache invalidation, publishing) runs once the change is committed. Its failure
// must not turn the committed change into an error, and must not vanish either: it is logged at
// error level with the request it belongs to.

let database: TestDatabase;
let databases: TenantRegistry;
const lines: string[] = [];
const log = createLogger({ LOG_LEVEL: 'info' }, { write: (line: string) => void lines.push(line) });

beforeAll(async () => {
  database = await createTestDatabase({ serverUrl: inject('serverUrl'), template: inject('template'), pgliteDump: inject('pgliteDump') });
  databases = new TenantRegistry(database.db);
});
afterAll(() => database.drop());

const logged = () => lines.map((line) => JSON.parse(line) as { level: number; requestId?: string; err?: { message: string }; msg?: string });

describe('after-commit failures', () => {
  it('are logged at error level with the request id and the error, and the committed call still succeeds', async () => {
    const requestId = `req-${randomUUID()}`;
    const scope: TenantScope = { orgId: randomUUID(), databases, requestId, platform: { log } };
    const ran: string[] = [];
    const result = await withTenant(scope, async (tx) => {
      await tx.execute(sql`select 1`);
      afterCommit(() => {
        throw new Error('cache unreachable');
      });
      afterCommit(() => void ran.push('second'));
      return 'committed';
    });
    expect(result).toBe('committed');
    expect(ran).toEqual(['second']); // one failure does not stop the rest
    const entry = logged().find((line) => line.requestId === requestId);
    expect(entry).toBeDefined();
    expect(entry!.level).toBe(50);
    expect(entry!.err?.message).toBe('cache unreachable');
  });

  it('of a nested call are logged against the request of the transaction it joined', async () => {
    const requestId = `req-${randomUUID()}`;
    const orgId = randomUUID();
    await withTenant({ orgId, databases, requestId, platform: { log } }, async () =>
      withTenant({ orgId, databases }, async () => {
        afterCommit(async () => Promise.reject(new Error('publish failed')));
      }),
    );
    expect(logged().find((line) => line.requestId === requestId)?.err?.message).toBe('publish failed');
  });
});
