import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canStartPostgres, startPostgres, startReplicaOf, type PostgresServer } from '../../../test/postgres-server.js';
import { translateConnectionError } from '../http/errors.js';
import { openPostgres, type Database } from './database.js';
import { parseHostList } from './hosts.js';
import { queryRows } from './rows.js';

describe('a database URL with several hosts', () => {
  it('is read as libpq reads it: hosts with their ports, target_session_attrs, the rest kept', () => {
    const list = parseHostList('postgres://app:secret@db1:5432,db2:5433/monopilot?target_session_attrs=read-write&sslmode=require')!;
    expect(list).toMatchObject({
      hosts: [
        { host: 'db1', port: 5432 },
        { host: 'db2', port: 5433 },
      ],
      connectionString: 'postgres://app:secret@db1:5432/monopilot?sslmode=require',
      targetSessionAttrs: 'read-write',
    });
    expect(list.connectionStringFor(list.hosts[1]!)).toBe('postgres://app:secret@db2:5433/monopilot?sslmode=require');
    expect(parseHostList('postgres://app@db1,db2/monopilot')?.hosts).toEqual([
      { host: 'db1', port: 5432 },
      { host: 'db2', port: 5432 },
    ]);
    expect(parseHostList('postgres://app@db1:5432/monopilot')).toBeNull();
    expect(() => parseHostList('postgres://app@db1,db2/m?target_session_attrs=prefer-standby')).toThrow(/not supported/);
  });
});

// A primary and its streaming standby; the URL names the standby first.
const describeWithServers = canStartPostgres() ? describe : describe.skip;
let primary: PostgresServer;
let standby: PostgresServer;
let db: Database;

const serverPort = async () => (await db.transaction((tx) => queryRows<{ port: number }>(tx, sql`select inet_server_port() as port`)))[0]!.port;

describeWithServers('target_session_attrs=read-write over a primary and its standby', () => {
  beforeAll(async () => {
    primary = await startPostgres();
    standby = await startReplicaOf(primary);
    db = openPostgres(`postgres://postgres@127.0.0.1:${standby.port},127.0.0.1:${primary.port}/postgres?target_session_attrs=read-write`, 4);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await standby?.destroy();
    await primary?.destroy();
  });

  it('writes to whichever is the primary, and finds the new one after a failover', async () => {
    await db.transaction((tx) => tx.execute(sql`create table failover_probe (n int)`));
    expect(await serverPort()).toBe(primary.port);

    await primary.stop('immediate');
    // No primary for now: a refusal the HTTP layer answers 503 with Retry-After, not a hang or a 500.
    const during = await db.transaction((tx) => tx.execute(sql`select 1`)).catch((error: unknown) => error);
    expect(translateConnectionError(during)?.status).toBe(503);

    await standby.promote();
    await db.transaction((tx) => tx.execute(sql`insert into failover_probe values (1)`));
    expect(await serverPort()).toBe(standby.port);
  }, 60_000);
});
