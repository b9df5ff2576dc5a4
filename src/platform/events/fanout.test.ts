import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitTestEvent, listen, openSse, type SseClient } from '../../../test/factories/events.js';
import { startTestServer, testConfig, type Session, type TestServer } from '../../../test/server.js';
import { createServer, type Server } from '../../server.js';
import { openPostgres, type Database } from '../db/database.js';

// Two server instances on one database, as behind a load balancer: an event committed through
// one must reach the SSE clients of the other. Across instances that is Redis's job, so this
// runs where REDIS_URL is set (the PostgreSQL + Redis run).

describe.skipIf(!process.env.REDIS_URL)('fan-out across server instances through Redis', () => {
  let first: TestServer;
  let second: Server;
  let secondUrl: string;
  let orgA: Session;
  let orgB: Session;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    first = await startTestServer();
    // The second instance has its own pool (on PostgreSQL), its own Redis subscriber and its own bus.
    const db: Database = first.database.url ? openPostgres(first.database.url) : { ...first.database.db, close: async () => undefined };
    second = await createServer(testConfig(), { db, cachePrefix: `mp-test-${randomBytes(4).toString('hex')}` });
    secondUrl = await listen(second);
    orgA = await first.signup();
    orgB = await first.signup();
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await second.close();
    await first.stop();
  });

  async function connect(token: string) {
    const client = await openSse(secondUrl, { token });
    clients.push(client);
    await client.connected();
    return client;
  }

  it('an event committed through one instance reaches an SSE client of the other', async () => {
    const stream = await connect(orgA.accessToken);
    const event = await emitTestEvent(first, orgA.orgId, { payload: { id: 'wo-x', number: 'WO-000042', status: 'in_progress', producedQty: 3 } });
    const [received] = await stream.waitFor((events) => events.length === 1);
    expect(received).toEqual({ id: String(event.seq), event: 'work_order.updated', data: { id: 'wo-x', number: 'WO-000042', status: 'in_progress', producedQty: 3 } });
  });

  it("carries only the subscriber's organization across instances too", async () => {
    const streamA = await connect(orgA.accessToken);
    const streamB = await connect(orgB.accessToken);
    await emitTestEvent(first, orgB.orgId, { payload: { id: 'for-b' } });
    await emitTestEvent(first, orgA.orgId, { payload: { id: 'for-a' } });
    await streamA.waitFor((events) => events.some((event) => event.data.id === 'for-a'));
    await streamB.waitFor((events) => events.some((event) => event.data.id === 'for-b'));
    expect(streamA.events.map((event) => event.data.id)).toEqual(['for-a']);
    expect(streamB.events.map((event) => event.data.id)).toEqual(['for-b']);
  });

  it('each instance hears its own events once, not again through Redis', async () => {
    const heardFirst: string[] = [];
    const heardSecond: string[] = [];
    const stopFirst = first.platform.events.subscribe(orgA.orgId, (event) => heardFirst.push(String(event.payload.id)));
    const stopSecond = second.platform.events.subscribe(orgA.orgId, (event) => heardSecond.push(String(event.payload.id)));
    await emitTestEvent(first, orgA.orgId, { payload: { id: 'once' } });
    await emitTestEvent(second, orgA.orgId, { payload: { id: 'from the other side' } });
    const deadline = Date.now() + 5000;
    while ((heardFirst.length < 2 || heardSecond.length < 2) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    // Both messages have made the Redis round trip by now (each instance heard the other's).
    await new Promise((resolve) => setTimeout(resolve, 100));
    stopFirst();
    stopSecond();
    expect(heardFirst.sort()).toEqual(['from the other side', 'once']);
    expect(heardSecond.sort()).toEqual(['from the other side', 'once']);
  });
});
