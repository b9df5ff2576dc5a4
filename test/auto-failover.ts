import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './postgres-server.js';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

/**
 * A pg_auto_failover formation on this machine: a monitor and two PostgreSQL nodes (a primary
 * and a synchronous standby), each kept by its own `pg_autoctl run`. The monitor's health checks
 * are tightened from their defaults (a node unhealthy after 20 s) to a few seconds, so a drill
 * measures the failover rather than the waiting.
 */
export interface Formation {
  nodes: { port: number; pgdata: string }[];
  /** postgres://postgres@127.0.0.1:<p1>,127.0.0.1:<p2>/postgres?target_session_attrs=read-write */
  url: string;
  /** The port of the node that is primary now, as the monitor says. */
  primaryPort(): Promise<number>;
  /** Kills a node as a power cut would: its pg_autoctl and its PostgreSQL, with SIGKILL. */
  killNode(port: number): void;
  destroy(): Promise<void>;
}

export function canRunAutoFailover(): boolean {
  return spawnSync('pg_autoctl', ['--version']).status === 0 && spawnSync(join(BIN, 'initdb'), ['--version']).status === 0;
}

export async function startFormation(): Promise<Formation> {
  const dir = mkdtempSync(join(tmpdir(), 'mp-paf-'));
  chmodSync(dir, 0o777);
  const env = { ...process.env, PATH: `${BIN}:${process.env.PATH}`, XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data') };
  const asPostgres = (args: string[]): [string, string[]] => (process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', 'env', `PATH=${env.PATH}`, `XDG_CONFIG_HOME=${env.XDG_CONFIG_HOME}`, `XDG_DATA_HOME=${env.XDG_DATA_HOME}`, ...args]] : [args[0]!, args.slice(1)]);
  const keepers: ChildProcess[] = [];
  const keeperOfNode = new Map<number, ChildProcess>();
  // pg_autoctl's helpers rename themselves ("pg_autoctl: start/stop postgres"), so they are found
  // by process group (each keeper starts one of its own), not by command line.
  const killGroup = (child: ChildProcess | undefined) => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  const keep = (args: string[]) => {
    const [command, commandArgs] = asPostgres(['pg_autoctl', ...args]);
    const child = spawn(command, commandArgs, { env, stdio: 'ignore', detached: true });
    keepers.push(child);
    return child;
  };
  const monitorPort = await freePort();
  const monitorData = join(dir, 'monitor');
  const formation: Formation = {
    nodes: [],
    url: '',
    async primaryPort() {
      const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${monitorPort}/pg_auto_failover` });
      await client.connect();
      try {
        const { rows } = await client.query<{ nodeport: number }>("select nodeport from pgautofailover.node where reportedstate in ('single', 'wait_primary', 'primary') and reportedstate = goalstate");
        if (rows.length !== 1) throw new Error('no single primary');
        return rows[0]!.nodeport;
      } finally {
        await client.end();
      }
    },
    killNode(port) {
      // Its keeper first (or it would start PostgreSQL again), then the postmaster.
      killGroup(keeperOfNode.get(port));
      spawnSync('pkill', ['-9', '-f', `postgres -D ${dir}/node-${port}`]);
    },
    async destroy() {
      for (const child of keepers) killGroup(child);
      spawnSync('pkill', ['-9', '-f', dir]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    const [createMonitor, monitorArgs] = asPostgres(['pg_autoctl', 'create', 'monitor', '--pgdata', monitorData, '--pgport', String(monitorPort), '--hostname', '127.0.0.1', '--auth', 'trust', '--no-ssl']);
    await run(createMonitor, monitorArgs, { env });
    keep(['run', '--pgdata', monitorData]);
    await waitFor(async () => query(monitorPort, 'pg_auto_failover', 'select 1'), 30_000);
    for (const setting of ['health_check_period = 1000', 'health_check_timeout = 1000', 'health_check_max_retries = 1', 'health_check_retry_delay = 500', 'node_considered_unhealthy_timeout = 3000', 'primary_demote_timeout = 5000']) {
      await query(monitorPort, 'pg_auto_failover', `alter system set pgautofailover.${setting}`);
    }
    await query(monitorPort, 'pg_auto_failover', 'select pg_reload_conf()');
    const monitorUrl = `postgres://autoctl_node@127.0.0.1:${monitorPort}/pg_auto_failover?sslmode=disable`;
    for (let index = 0; index < 2; index++) {
      const port = await freePort();
      const pgdata = join(dir, `node-${port}`);
      const keeper = keep(['create', 'postgres', '--pgdata', pgdata, '--pgport', String(port), '--hostname', '127.0.0.1', '--auth', 'trust', '--no-ssl', '--monitor', monitorUrl, '--run']);
      keeperOfNode.set(port, keeper);
      formation.nodes.push({ port, pgdata });
      // The first node must be primary before the second joins as its standby.
      await waitFor(async () => (await stateOf(monitorPort)).filter((state) => state === (index === 0 ? 'single' : 'secondary')).length === 1, 90_000);
    }
    await waitFor(async () => (await stateOf(monitorPort)).sort().join(',') === 'primary,secondary', 60_000);
    formation.url = `postgres://postgres@${formation.nodes.map((node) => `127.0.0.1:${node.port}`).join(',')}/postgres?target_session_attrs=read-write`;
    return formation;
  } catch (error) {
    await formation.destroy();
    throw error;
  }
}

async function stateOf(monitorPort: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${monitorPort}/pg_auto_failover` });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string }>('select reportedstate::text as state from pgautofailover.node where reportedstate = goalstate');
    return rows.map((row) => row.state);
  } finally {
    await client.end();
  }
}

async function query(port: number, database: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/${database}` });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function waitFor(condition: () => Promise<unknown>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await condition()) !== false) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error('the formation did not come up in time');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
