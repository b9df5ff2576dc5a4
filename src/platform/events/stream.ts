import { AsyncResource } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { toIso } from '../db/columns.js';
import { withTenant, type TenantScope } from '../db/tenancy.js';
import type { EventBus, PublishedEvent } from './bus.js';
import { events } from './tables.js';

const REPLAY_PAGE = 500;
/** A client this far behind is cut off; it reconnects with Last-Event-ID and is replayed from the table. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface StreamOptions {
  scope: TenantScope;
  bus: EventBus;
  log: { warn(object: object, message: string): void };
  heartbeatMs: number;
  /** The last seq the client saw (Last-Event-ID), or null for a fresh subscription. */
  lastEventId: number | null;
  /** Whether the subscriber may still listen (an active user with the right to read); asked every accessCheckMs. */
  isStillAllowed: () => Promise<boolean>;
  accessCheckMs: number;
  /** When the access token that opened the stream expires (ms since the epoch): the stream ends then. */
  expiresAt: number;
}

/** setTimeout's longest delay; a later expiry is simply never reached by a stream. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One SSE subscriber. Events of the organization are written in seq order exactly once:
 * the per-organization seq has no gaps, so an event arriving after a hole (a publish that
 * overtook another) first fills the hole from the table, and one at or below the last
 * written seq (already replayed) is skipped.
 */
export class EventStream {
  private last = 0;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly accessCheck: NodeJS.Timeout;
  private readonly expiry: NodeJS.Timeout;
  private isCheckingAccess = false;
  // Deliveries run in the stream's own async context, never inside whatever transaction published them.
  private readonly context = new AsyncResource('monopilot.event-stream');

  constructor(
    private readonly response: ServerResponse,
    private readonly options: StreamOptions,
  ) {
    // Subscribe before reading the table, so nothing committed in between is lost; the chain orders both.
    this.unsubscribe = options.bus.subscribe(options.scope.orgId, (event) => this.context.runInAsyncScope(() => this.enqueue(event)));
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), options.heartbeatMs);
    this.heartbeat.unref();
    // A stream outlives the request that authenticated it: who may listen is asked again while it is open,
    // and it ends with its token (the client reconnects with a fresh one, sending Last-Event-ID).
    this.accessCheck = setInterval(() => void this.context.runInAsyncScope(() => this.checkAccess()), options.accessCheckMs);
    this.accessCheck.unref();
    this.expiry = setTimeout(() => this.end('access token expired'), Math.min(Math.max(0, options.expiresAt - Date.now()), MAX_TIMER_MS));
    this.expiry.unref();
    response.on('close', () => this.end());
    this.run(async () => {
      await this.catchUp(options.lastEventId);
      // The first comment tells the client it is subscribed: whatever commits from now on reaches it.
      this.write(': connected\n\nretry: 3000\n\n');
    });
  }

  /** Ends the stream (client gone, access ended, or the server shutting down); the reason is sent as a comment. */
  end(reason?: string): void {
    if (this.closed) return;
    if (reason) this.write(`: ${reason}\n\n`);
    this.closed = true;
    clearInterval(this.heartbeat);
    clearInterval(this.accessCheck);
    clearTimeout(this.expiry);
    this.unsubscribe();
    this.context.emitDestroy();
    if (!this.response.writableEnded) this.response.end();
  }

  private async checkAccess(): Promise<void> {
    if (this.closed || this.isCheckingAccess) return;
    this.isCheckingAccess = true;
    try {
      if (!(await this.options.isStillAllowed())) this.end('access revoked');
    } catch (error) {
      // Unable to tell whether the user may still listen: end rather than go on unchecked; the client reconnects.
      this.options.log.warn({ err: error }, 'event stream access check failed; closing it');
      this.end();
    } finally {
      this.isCheckingAccess = false;
    }
  }

  private enqueue(event: PublishedEvent): void {
    if (event.orgId !== this.options.scope.orgId) return;
    this.run(() => this.deliver(event));
  }

  private run(step: () => Promise<void>): void {
    this.chain = this.chain.then(async () => {
      if (this.closed) return;
      try {
        await step();
      } catch (error) {
        this.options.log.warn({ err: error }, 'event stream failed; closing it so the client reconnects');
        this.end();
      }
    });
  }

  private async catchUp(lastEventId: number | null): Promise<void> {
    const newest = await this.newestSeq();
    if (lastEventId === null || lastEventId >= newest) {
      this.last = newest;
      return;
    }
    this.last = lastEventId;
    await this.replay(newest);
  }

  private async deliver(event: PublishedEvent): Promise<void> {
    if (event.seq <= this.last) return;
    if (event.seq > this.last + 1) await this.replay(event.seq - 1);
    this.send(event);
  }

  /** Writes the stored events after the last one written, up to and including `upTo`. */
  private async replay(upTo: number): Promise<void> {
    while (!this.closed && this.last < upTo) {
      const page = await withTenant(this.options.scope, (tx) =>
        tx
          .select({ seq: events.seq, id: events.id, type: events.type, subjectId: events.subjectId, payload: events.payload, createdAt: events.createdAt })
          .from(events)
          .where(and(eq(events.orgId, this.options.scope.orgId), gt(events.seq, this.last), lte(events.seq, upTo)))
          .orderBy(events.seq)
          .limit(REPLAY_PAGE),
      );
      for (const row of page) {
        this.send({ orgId: this.options.scope.orgId, ...row, createdAt: toIso(row.createdAt) });
      }
      // Rows past retention are gone: move on rather than asking again.
      if (page.length < REPLAY_PAGE) this.last = Math.max(this.last, upTo);
    }
  }

  private async newestSeq(): Promise<number> {
    const [newest] = await withTenant(this.options.scope, (tx) =>
      tx
        .select({ seq: sql<number>`coalesce(max(${events.seq}), 0)`.mapWith(Number) })
        .from(events)
        .where(eq(events.orgId, this.options.scope.orgId)),
    );
    return newest!.seq;
  }

  private send(event: PublishedEvent): void {
    this.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event.payload)}\n\n`);
    this.last = event.seq;
  }

  private write(chunk: string): void {
    if (this.closed || this.response.writableEnded) return;
    if (this.response.writableLength > MAX_BUFFERED_BYTES) {
      this.end();
      return;
    }
    this.response.write(chunk);
  }
}
