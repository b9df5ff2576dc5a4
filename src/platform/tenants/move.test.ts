import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivePlate, setupInventory } from '../../../test/factories/inventory.js';
import { consume, expectStatus, output, setupProduction, startedWorkOrder, type ProductionWorld } from '../../../test/factories/production.js';
import { startReadLoad, startWriteLoad } from '../../../test/factories/write-load.js';
import { canStartPostgres, startPostgres, type PostgresServer } from '../../../test/postgres-server.js';
import { asTestServer, testConfig, type ApiResponse, type Client, type TestServer } from '../../../test/server.js';
import { createServer } from '../../server.js';
import type { Database } from '../db/database.js';
import { findFence } from './move-fences.js';
import { createPublication, createSlot, createSubscription, findReplicationLeftovers, replicationNameOf } from './move-replication.js';
import { countOrganizationRows } from './move-rows.js';
import { CopyMismatchError } from './move-verify.js';
import { abortMove, moveOrganization } from './move.js';
import { openOperator, type Operator } from './operator.js';
import { checksumOrganization, listOrgTables, type TableChecksum } from './org-tables.js';
import { findPlacement } from './move-preflight.js';

// An organization moved between two PostgreSQL servers this file starts (wal_level=logical): the
// first is the shared database (DATABASE_URL), the second the dedicated "acme". A real server
// serves both, and the move runs beside it as the operator's command would.

const canRun = canStartPostgres();
const run = promisify(execFile);

let sharedServer: PostgresServer;
let acmeServer: PostgresServer;
let server: TestServer;
let operator: Operator;
let env: Record<string, string>;

beforeAll(async () => {
  if (!canRun) return;
  // A paused subscription's worker restarts after wal_retrieve_retry_interval (5 s by default).
  const settings = { wal_level: 'logical', wal_retrieve_retry_interval: '200' };
  [sharedServer, acmeServer] = await Promise.all([startPostgres(settings), startPostgres(settings)]);
  env = { DATABASE_URL: sharedServer.url(), TENANT_DATABASES: JSON.stringify({ acme: acmeServer.url() }), PLACEMENT_POLL_SECONDS: '1' };
  const config = testConfig(env);
  const made = await createServer(config, { cachePrefix: `mp-move-${randomBytes(4).toString('hex')}` });
  server = asTestServer(made, { db: made.platform.db, name: 'shared', url: sharedServer.url(), drop: async () => undefined });
  operator = await openOperator(config);
});

afterAll(async () => {
  await operator?.close();
  await server?.stop();
  await sharedServer?.destroy();
  await acmeServer?.destroy();
});

const ok = async (response: Promise<ApiResponse>, what: string) => expectStatus(await response, 200, what);

interface Organization {
  world: ProductionWorld;
  workOrderId: string;
  flourLot: string;
  outputId: string;
  flourId: string;
}

/** An organization with stock, a split, a work order that consumed and produced, through the API. */
async function buildOrganization(): Promise<Organization> {
  const world = await setupProduction(server);
  const flourLot = `F-${randomBytes(2).toString('hex')}`;
  const flour = await receivePlate(world, { qty: 100, lot: flourLot });
  const sugar = await receivePlate(world, { qty: 20, productId: world.products.sugar });
  expectStatus(await world.api.post(`/api/v1/license-plates/${flour.id}/split`, { qty: 10 }), 201, 'split');
  const order = await startedWorkOrder(world);
  await consume(world.api, order.id, flour.id, 30);
  await consume(world.api, order.id, sugar.id, 5);
  const made = await output(world.api, order.id, { qty: 40, locationId: world.locations.storage });
  return { world, workOrderId: order.id, flourLot, outputId: made.id, flourId: flour.id };
}

/** What the organization's users see: products, plates and their ledgers, work orders, trace and recall. */
async function answersOf(org: Organization, api: Client = org.world.api) {
  const plates = await ok(api.get('/api/v1/license-plates?limit=500'), 'plates');
  return {
    products: await ok(api.get('/api/v1/products?limit=500'), 'products'),
    plates,
    ledgers: await Promise.all(plates.items.map((plate: { id: string }) => ok(api.get(`/api/v1/license-plates/${plate.id}/moves?limit=500`), 'ledger'))),
    workOrders: await ok(api.get('/api/v1/work-orders?limit=500'), 'work orders'),
    workOrder: await ok(api.get(`/api/v1/work-orders/${org.workOrderId}`), 'work order'),
    backward: await ok(api.get(`/api/v1/trace/backward?licensePlateId=${org.outputId}`), 'trace backward'),
    forward: await ok(api.get(`/api/v1/trace/forward?licensePlateId=${org.flourId}`), 'trace forward'),
    recall: await ok(api.get(`/api/v1/trace/recall/summary?productId=${org.world.products.flour}&lot=${org.flourLot}`), 'recall'),
  };
}

const checksumsOf = async (database: Database, orgId: string): Promise<TableChecksum[]> =>
  database.withSession(async (session) => {
    await session.exec('begin isolation level repeatable read');
    try {
      return await checksumOrganization(session, await listOrgTables(session), orgId);
    } finally {
      await session.exec('commit');
    }
  });
const rowsIn = (database: Database, orgId: string) => database.withSession(async (session) => countOrganizationRows(session, await listOrgTables(session), orgId));
const fenceIn = (database: Database, orgId: string) => database.withSession((session) => findFence(session, orgId));
const leftoversIn = (database: Database, orgId: string) => database.withSession((session) => findReplicationLeftovers(session, replicationNameOf(orgId)));
/** The ids of the warehouses a write load created (codes <prefix>-n), one per row. */
const loadWarehouses = (database: Database, orgId: string, prefix: string) =>
  database.withSession(async (session) => (await session.query<{ id: string }>("select id from warehouses where org_id = $1 and code like $2 || '-%'", [orgId, prefix])).map((row) => row.id));
const acme = () => operator.database('acme');
/** Tables a warehouse's creation writes (the other organization's load): the rest of its rows must not change. */
const WAREHOUSE_WRITES = new Set(['warehouses', 'audit_log', 'idempotency_keys', 'events']);
const unchangedBut = (sums: TableChecksum[]) => sums.filter((sum) => !WAREHOUSE_WRITES.has(sum.table));

describe.skipIf(!canRun)('moving an organization online (needs the PostgreSQL 15 binaries to start servers)', () => {
  let mover: Organization;
  let bystander: Organization;
  let answersBefore: Awaited<ReturnType<typeof answersOf>>;
  let bystanderAnswers: Awaited<ReturnType<typeof answersOf>>;
  let bystanderSums: TableChecksum[];

  beforeAll(async () => {
    mover = await buildOrganization();
    bystander = await buildOrganization();
    answersBefore = await answersOf(mover);
    bystanderAnswers = await answersOf(bystander);
    bystanderSums = await checksumsOf(operator.shared, bystander.world.admin.orgId);
  }, 120_000);

  it("moves to its own server under its users' steady writes: every acknowledged write there once, reads on, the same answers, no row left behind", async () => {
    const orgId = mover.world.admin.orgId;
    const writes = startWriteLoad(mover.world.api, 'MOVE');
    const reads = startReadLoad(mover.world.api, '/api/v1/products?limit=5');
    const otherWrites = startWriteLoad(bystander.world.api, 'STAY', 1);
    // A second instance, as behind a load balancer: it must follow the move without a restart.
    const second = await createServer(testConfig(env), { cachePrefix: `mp-move-${randomBytes(4).toString('hex')}` });
    // Some writes before the move begins, so the copy has a moving target.
    while (writes.acknowledged.length < 5 && writes.unexpected.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));

    const result = await moveOrganization(operator, orgId, 'acme');
    // And some after it, answered by the new database.
    const afterMove = writes.acknowledged.length;
    while (writes.acknowledged.length < afterMove + 5 && writes.unexpected.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all([writes.stop(), reads.stop(), otherWrites.stop()]);

    console.warn(`move to acme: ${result.rows} rows in ${result.totalSeconds.toFixed(2)} s; freeze ${result.freezeSeconds.toFixed(2)} s; ` +
      `longest stretch of 503s seen by the writers ${(writes.longestRefusalMs / 1000).toFixed(2)} s (${writes.refused} refusals, ${writes.acknowledged.length} writes acknowledged)`);
    expect(result).toMatchObject({ orgId, from: 'shared', to: 'acme' });
    expect(result.freezeSeconds).toBeGreaterThan(0);
    expect(writes.unexpected).toEqual([]);
    expect(reads.failures).toEqual([]);
    expect(await findPlacement(operator, orgId)).toBe('acme');

    // Every acknowledged write is in the new database, once; nothing else was created.
    expect((await loadWarehouses(acme(), orgId, 'MOVE')).sort()).toEqual([...writes.acknowledged].sort());

    expect(await answersOf(mover)).toEqual(answersBefore);
    expect(await rowsIn(operator.shared, orgId)).toBe(0);
    expect(await fenceIn(operator.shared, orgId)).toBe('gone');
    expect(await leftoversIn(operator.shared, orgId)).toEqual([]);
    expect(await leftoversIn(acme(), orgId)).toEqual([]);

    // Sign-in finds it where it lives now; the ledger goes on after the moved rows.
    const login = await server.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email: mover.world.admin.email, password: mover.world.admin.password } });
    expect(login.status).toBe(200);
    const plate = await receivePlate(mover.world, { qty: 1 }, server.as(login.body.accessToken));
    const [order] = await acme().withSession((session) =>
      session.query<{ last: boolean }>('select (select max(seq) from stock_moves where license_plate_id = $1) > (select max(seq) from stock_moves where org_id = $2 and license_plate_id <> $1) as last', [plate.id, orgId]),
    );
    expect(order!.last).toBe(true);

    // The second instance hears of it (Redis, or its poll of the directory) and writes there.
    await expect.poll(() => second.platform.databases.placementOf(orgId), { timeout: 10_000 }).toBe('acme');
    const throughSecond = asTestServer(second, server.database).as(mover.world.admin.accessToken);
    const written = expectStatus(await throughSecond.post('/api/v1/warehouses', { code: 'SECOND', name: 'Second' }), 201, 'write through the second instance');
    const [found] = await acme().withSession((session) => session.query<{ code: string }>('select code from warehouses where id = $1', [written.id]));
    expect(found!.code).toBe('SECOND');
    await second.close();

    // The other organization: never refused, its answers and (but for its own new warehouses) its rows unchanged.
    expect(otherWrites.unexpected).toEqual([]);
    expect(otherWrites.refused).toBe(0);
    expect(await answersOf(bystander)).toEqual(bystanderAnswers);
    expect(unchangedBut(await checksumsOf(operator.shared, bystander.world.admin.orgId))).toEqual(unchangedBut(bystanderSums));
  }, 180_000);

  it('moves back to shared through the command, which prints its figures', async () => {
    const orgId = mover.world.admin.orgId;
    const before = await answersOf(mover);
    const writes = startWriteLoad(mover.world.api, 'BACK', 1);
    const { stdout } = await run('npx', ['tsx', 'src/cli/tenant.ts', 'move', orgId, 'shared'], { env: { ...process.env, DATABASE_DIRECT_URL: '', ...env, LOG_LEVEL: 'silent' }, timeout: 120_000 });
    await writes.stop();

    const figures = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(figures).toMatchObject({ orgId, from: 'acme', to: 'shared' });
    expect(Object.keys(figures).sort()).toEqual(['freezeSeconds', 'from', 'orgId', 'rows', 'to', 'totalSeconds']);
    expect(writes.unexpected).toEqual([]);
    expect(await findPlacement(operator, orgId)).toBe('shared');
    // Shared's 'gone' fence of the first move went at the switch; acme has one now.
    expect(await fenceIn(operator.shared, orgId)).toBeNull();
    expect(await fenceIn(acme(), orgId)).toBe('gone');
    expect(await rowsIn(acme(), orgId)).toBe(0);
    expect(await answersOf(mover)).toEqual(before);
    expect((await loadWarehouses(operator.shared, orgId, 'BACK')).sort()).toEqual([...writes.acknowledged].sort());
  }, 180_000);

  // A row changed behind the subscription's back: while the copy streams (the full check must
  // see it), or under the freeze (the check of what changed since must).
  it.each(['afterCopy', 'beforeVerify'] as const)('a move whose copy differs from the source (a row changed on the target at %s) aborts and leaves everything as it was', async (moment) => {
    const orgId = bystander.world.admin.orgId;
    const sums = await checksumsOf(operator.shared, orgId);
    const change = async () => {
      await acme().withSession((session) => session.query("update products set name = name || ' (changed)' where org_id = $1 and id = $2", [orgId, bystander.world.products.bread]));
    };
    const moving = moveOrganization(operator, orgId, 'acme', { hooks: { [moment]: change } });

    await expect(moving).rejects.toBeInstanceOf(CopyMismatchError);
    await expect(moving).rejects.toThrow(/products/);
    expect(await findPlacement(operator, orgId)).toBe('shared');
    expect(await checksumsOf(operator.shared, orgId)).toEqual(sums);
    expect(await rowsIn(acme(), orgId)).toBe(0);
    expect(await fenceIn(operator.shared, orgId)).toBeNull();
    expect(await leftoversIn(operator.shared, orgId)).toEqual([]);
    expect(await leftoversIn(acme(), orgId)).toEqual([]);
    expectStatus(await bystander.world.api.post('/api/v1/warehouses', { code: `AFTER-${moment}`, name: 'After' }), 201, 'write after the abort');
    expect(await answersOf(bystander)).toEqual(bystanderAnswers);
  }, 120_000);

  it('a move stopped by SIGINT during the copy exits 130 and leaves everything as it was', async () => {
    const orgId = bystander.world.admin.orgId;
    const sums = await checksumsOf(operator.shared, orgId);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/tenant.ts', 'move', orgId, 'acme'], { env: { ...process.env, DATABASE_DIRECT_URL: '', ...env, LOG_LEVEL: 'silent' } });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/copying:/.test(stderr) && !child.killed) child.kill('SIGINT');
    });

    expect(await exited).toBe(130);
    expect(stderr).toMatch(/aborting: stopped by SIGINT/);
    expect(await findPlacement(operator, orgId)).toBe('shared');
    expect(await checksumsOf(operator.shared, orgId)).toEqual(sums);
    expect(await rowsIn(acme(), orgId)).toBe(0);
    expect(await fenceIn(operator.shared, orgId)).toBeNull();
    expect(await leftoversIn(operator.shared, orgId)).toEqual([]);
    expect(await leftoversIn(acme(), orgId)).toEqual([]);
  }, 120_000);

  it('refuses a source without wal_level=logical, naming the setting, before touching anything', async () => {
    const plain = await startPostgres();
    try {
      const config = testConfig({ DATABASE_URL: plain.url(), TENANT_DATABASES: JSON.stringify({ acme: acmeServer.url() }) });
      const other = await openOperator(config);
      try {
        const orgId = crypto.randomUUID();
        await other.shared.withSession((session) => session.query("insert into tenant_directory (org_id, name) values ($1, 'Plain')", [orgId]));
        await expect(moveOrganization(other, orgId, 'acme')).rejects.toThrow(/wal_level=replica.*wal_level=logical/);
        expect(await leftoversIn(acme(), orgId)).toEqual([]);
      } finally {
        await other.close();
      }
    } finally {
      await plain.destroy();
    }
  }, 120_000);

  it('what a killed move left (a frozen fence, replication, part of a copy) is removed by move --abort, and the next move runs', async () => {
    const world = await setupInventory(server);
    const orgId = world.admin.orgId;
    await receivePlate(world, { qty: 3 });
    const name = replicationNameOf(orgId);
    // What `kill -9` during the freeze leaves: everything of the move up, and the writes fenced.
    const tables = await operator.shared.withSession(listOrgTables);
    await operator.shared.withSession(async (session) => {
      await createPublication(session, name, tables, orgId);
      await createSlot(session, name);
      await session.query("insert into tenant_fences (org_id, mode) values ($1, 'frozen')", [orgId]);
    });
    await acme().withSession((session) => createSubscription(session, name, sharedServer.url()));
    await expect.poll(() => rowsIn(acme(), orgId), { timeout: 30_000 }).toBeGreaterThan(0);
    expect((await world.api.post('/api/v1/warehouses', { code: 'FENCED', name: 'Fenced' })).status).toBe(503);

    await abortMove(operator, orgId);

    expect(await fenceIn(operator.shared, orgId)).toBeNull();
    expect(await rowsIn(acme(), orgId)).toBe(0);
    expect(await leftoversIn(operator.shared, orgId)).toEqual([]);
    expect(await leftoversIn(acme(), orgId)).toEqual([]);
    expectStatus(await world.api.post('/api/v1/warehouses', { code: 'OPEN', name: 'Open' }), 201, 'write after --abort');
    const result = await moveOrganization(operator, orgId, 'acme');
    expect(result.to).toBe('acme');
    expect(await findPlacement(operator, orgId)).toBe('acme');
  }, 120_000);
});
