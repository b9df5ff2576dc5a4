import pg from 'pg';

/** One server of a URL that lists several (`postgres://user@h1:5432,h2:5433/db`). */
export interface Host {
  host: string;
  port: number;
}

export type TargetSessionAttrs = 'any' | 'read-write';

export interface HostList {
  hosts: Host[];
  /** A single-host URL with everything else of the original (user, database, other parameters), for the first host. */
  connectionString: string;
  /** The same URL for another host of the list. */
  connectionStringFor(host: Host): string;
  targetSessionAttrs: TargetSessionAttrs;
}

const urlShape = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)(\/[^?#]*)?(\?[^#]*)?$/;

/**
 * Reads libpq's multi-host form, which node-postgres (and WHATWG URL) do not: hosts separated by
 * commas, each with an optional port, and target_session_attrs (any, read-write). Null for a URL
 * naming one host without target_session_attrs: node-postgres takes that as it is.
 */
export function parseHostList(url: string): HostList | null {
  const match = urlShape.exec(url);
  if (!match) return null;
  const [, scheme, userInfo = '', hostPart = '', path = '', query = ''] = match;
  const parameters = new URLSearchParams(query.slice(1));
  const attrs = parameters.get('target_session_attrs');
  if (!hostPart.includes(',') && attrs === null) return null;
  if (attrs !== null && attrs !== 'any' && attrs !== 'read-write') throw new Error(`target_session_attrs=${attrs} is not supported (any, read-write)`);
  parameters.delete('target_session_attrs');
  const hosts = hostPart.split(',').map((part) => {
    const [host, port] = part.split(':');
    if (!host) throw new Error(`a host of the database URL is empty: "${hostPart}"`);
    return { host, port: port ? Number(port) : 5432 };
  });
  const rest = parameters.toString();
  const connectionStringFor = (host: Host) => `${scheme}${userInfo}${host.host}:${host.port}${path}${rest ? `?${rest}` : ''}`;
  return { hosts, connectionString: connectionStringFor(hosts[0]!), connectionStringFor, targetSessionAttrs: attrs ?? 'any' };
}

/** No host of the list is the primary just now (during a failover): answered as 503 with Retry-After. */
export class NoPrimaryError extends Error {
  readonly code = 'ENOPRIMARY';
}

/**
 * Finds the server of a host list that takes the session: the first that answers, or for
 * read-write the first that is not in recovery (libpq's target_session_attrs). The answer is
 * kept until forget() (a lost connection, a read-only refusal), when the next connection asks again.
 */
export class PrimaryFinder {
  private found: Promise<Host> | null = null;

  constructor(private readonly list: HostList) {}

  primary(): Promise<Host> {
    this.found ??= this.search().catch((error: unknown) => {
      this.found = null;
      throw error;
    });
    return this.found;
  }

  forget(): void {
    this.found = null;
  }

  private async search(): Promise<Host> {
    for (const host of this.list.hosts) {
      const client = new pg.Client({ connectionString: this.list.connectionStringFor(host), connectionTimeoutMillis: 2000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        if (this.list.targetSessionAttrs === 'any') return host;
        const { rows } = await client.query<{ standby: boolean }>('select pg_is_in_recovery() as standby');
        if (!rows[0]!.standby) return host;
      } catch {
        // Down, or not reachable: try the next.
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    throw new NoPrimaryError(`no ${this.list.targetSessionAttrs === 'any' ? 'reachable' : 'read-write'} server among ${this.list.hosts.map((host) => `${host.host}:${host.port}`).join(', ')}`);
  }
}

/** A node-postgres Client class whose every connection goes to the host the finder names. */
export function clientForHostList(finder: PrimaryFinder): typeof pg.Client {
  return class ClientOfHostList extends pg.Client {
    override connect(): Promise<pg.Client>;
    override connect(callback: ((err: Error) => void) | ((err: null, client: pg.Client) => void)): void;
    override connect(callback?: ((err: Error) => void) | ((err: null, client: pg.Client) => void)): Promise<pg.Client> | void {
      const settled = finder
        .primary()
        .then(async ({ host, port }) => {
          this.host = host;
          this.port = port;
          return super.connect();
        })
        .catch((error: Error) => {
          finder.forget();
          throw error;
        });
      if (!callback) return settled;
      // node-postgres's own callback: (error) on failure, (null, client) on success.
      const answer = callback as (err: Error | null, client?: pg.Client) => void;
      settled.then(
        (client) => answer(null, client),
        (error: Error) => answer(error),
      );
    }
  };
}
