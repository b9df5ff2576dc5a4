/**
 * Jobs and schedules: pg-boss on the application's own database (PGlite through its
 * adapter, PostgreSQL through the pool), so a job exists exactly when the transaction
 * that enqueued it committed. Each job kind is a JobDefinition: its queue (retry policy),
 * an optional cron schedule and the handler; every server instance works every queue.
 */
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { fromDrizzle, fromPglite, PgBoss, type ConstructorOptions, type Job, type JobInsert, type JobResult, type Queue } from 'pg-boss';
import type { Database, Tx } from '../db/database.js';

export type { Job } from 'pg-boss';

export interface JobDefinition<T extends object = object> {
  /** The queue name, e.g. 'webhook-delivery'. */
  name: string;
  /** Retry policy and retention of the queue's jobs. */
  queue?: Omit<Queue, 'name'>;
  /** A cron expression (UTC): the job is sent on that schedule, once per cluster. */
  cron?: string;
  /** How many jobs of this queue one instance fetches and works at once (default 1). */
  batchSize?: number;
  /** How many such batches one instance works at once (default 1). */
  workers?: number;
  /** Handles one job; throwing fails the attempt and lets the queue's retry policy take over. */
  work(job: Job<T>): Promise<void>;
}

export interface JobsOptions {
  /** How often an idle worker looks for new jobs (pg-boss polls; NOTIFY would run inside business transactions). */
  pollingSeconds: number;
  log: Logger;
}

export interface Jobs {
  /**
   * Enqueues jobs inside the caller's open transaction; they exist only if it commits.
   * Runs as the connecting role for the insert alone, since the job tables are pg-boss's,
   * not a tenant's, and the tenant role has no rights on them.
   */
  enqueueInTransaction<T extends object>(tx: Tx, name: string, jobs: JobInsert<T>[]): Promise<void>;
  /** Enqueues one job on its own (outside any business transaction). */
  send<T extends object>(name: string, data: T): Promise<string | null>;
  /** Starts pg-boss, creates or updates the queues, installs the schedules and the workers. */
  start(definitions: JobDefinition[]): Promise<void>;
  /** Stops taking jobs and waits (bounded) for running ones; safe to call twice. */
  stop(): Promise<void>;
  readonly boss: PgBoss;
}

const TENANT_ROLE = 'monopilot_app';

export function createJobs(database: Database, options: JobsOptions): Jobs {
  const boss = new PgBoss(bossOptions(database));
  boss.on('error', (error) => options.log.error({ err: error }, 'job system error'));
  let started = false;
  let stopping: Promise<void> | null = null;

  return {
    boss,
    async enqueueInTransaction(tx, name, jobs) {
      if (jobs.length === 0) return;
      await tx.execute(sql`select set_config('role', 'none', true)`);
      try {
        await boss.insert(name, jobs, { db: fromDrizzle(tx, sql) });
      } finally {
        await tx.execute(sql`select set_config('role', ${TENANT_ROLE}, true)`);
      }
    },
    send: (name, data) => boss.send(name, data),
    async start(definitions) {
      await boss.start();
      started = true;
      for (const definition of definitions) {
        await boss.createQueue(definition.name, definition.queue ?? {});
        if (definition.queue) await boss.updateQueue(definition.name, updatableQueueOptions(definition.queue));
        if (definition.cron) await boss.schedule(definition.name, definition.cron, {}, { tz: 'UTC' });
        // A batch is fetched at once and its jobs run side by side; each is settled (completed, or
        // failed into its retry policy) on its own, and a full batch fetches the next without waiting.
        const workOptions = {
          pollingIntervalSeconds: options.pollingSeconds,
          batchSize: definition.batchSize ?? 1,
          localConcurrency: definition.workers ?? 1,
          burstWhenBatchFull: true,
          perJobResults: true as const,
        };
        await boss.work(definition.name, workOptions, async (jobs): Promise<JobResult[]> => {
          const outcomes = await Promise.allSettled(jobs.map((job) => definition.work(job as Job<object>)));
          return outcomes.map((outcome, index) =>
            outcome.status === 'fulfilled'
              ? { id: jobs[index]!.id, status: 'completed' }
              : { id: jobs[index]!.id, status: 'failed', output: { message: (outcome.reason as Error)?.message ?? String(outcome.reason) } },
          );
        });
      }
    },
    stop() {
      if (!started) return Promise.resolve();
      // Webhook attempts time out after 10 s; a stuck one is failed and retried by another instance.
      return (stopping ??= boss.stop({ graceful: true, timeout: 12_000 }));
    },
  };
}

function bossOptions(database: Database): ConstructorOptions {
  const client = (database.orm as unknown as { $client: unknown }).$client;
  if (database.kind === 'pglite') {
    return { db: fromPglite(client as Parameters<typeof fromPglite>[0]), backend: 'pglite' };
  }
  const pool = client as { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };
  return { db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values) } as ConstructorOptions['db'] };
}

function updatableQueueOptions(queue: Omit<Queue, 'name'>) {
  const { partition: _partition, policy: _policy, deadLetter, ...rest } = queue as Omit<Queue, 'name'> & { partition?: boolean; policy?: string };
  return { ...rest, ...(deadLetter ? { deadLetter } : {}) };
}
