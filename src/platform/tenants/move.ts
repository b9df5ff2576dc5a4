import { setTimeout as sleep } from 'node:timers/promises';
import type { RawSession } from '../db/database.js';
import { placeOrganization } from '../db/directory.js';
import { announcePlacement } from '../db/placement-watch.js';
import { clearLeftovers } from './move-leftovers.js';
import { removeFence, setFence } from './move-fences.js';
import { withMoveLock } from './move-lock.js';
import { checkTargetIsEmpty, findPlacement, planMove, type MovePlan } from './move-preflight.js';
import { createPublication, createSlot, createSubscription, dropSourceReplication, dropSubscription, hasConfirmed, pauseSubscription, readCopyProgress, resumeSubscription } from './move-replication.js';
import { advanceSequences, deleteOrganizationRows, inTransaction } from './move-rows.js';
import { readNextXid, verifyChanges, verifyCopy } from './move-verify.js';
import type { Operator } from './operator.js';

/**
 * Moving an organization online (API.md, "Operating many tenants"): PostgreSQL's logical
 * replication copies its rows to the target while its writes go on, then a short freeze
 * catches up the last changes, verifies the copy table by table, and switches the directory.
 * Until the directory is switched the source is the truth, and any failure (or SIGINT/SIGTERM,
 * through the signal) undoes the move there.
 *
 * Jobs of the organization still queued in the source (webhook deliveries, say) need no moving:
 * they carry the orgId and reach its rows through withTenant, which follows the directory; and
 * sign-in needs nothing moved either, user_directory (in the shared database) names the
 * organization, not where it lives.
 */
export interface MoveOptions {
  signal?: AbortSignal;
  progress?: (message: string) => void;
  /** Test seams: run after the bulk copy (writes still on), and under the freeze before the verification. */
  hooks?: { afterCopy?(plan: MovePlan): Promise<void>; beforeVerify?(plan: MovePlan): Promise<void> };
  /** The freeze gives up (and the move aborts) when the target has not caught up by then. */
  catchUpTimeoutSeconds?: number;
}

export interface MoveResult {
  orgId: string;
  from: string;
  to: string;
  rows: number;
  totalSeconds: number;
  /** From the fence going up to the organization's new home taking writes. */
  freezeSeconds: number;
}

/** A failure after the switch: the organization lives in its new database, but the source still needs clearing. */
export class MoveCleanupError extends Error {
  constructor(
    readonly result: MoveResult,
    cause: unknown,
  ) {
    super(`${result.orgId} now lives in ${result.to}, but clearing ${result.from} failed (${cause instanceof Error ? cause.message : String(cause)}); \`npm run tenant -- move ${result.orgId} --abort\` finishes it`, { cause });
  }
}

const POLL_MS = 20;

/** A stopwatch: the seconds since it was made. */
const seconds = () => {
  const start = performance.now();
  return () => (performance.now() - start) / 1000;
};

/** Moves an organization, all its rows, to the named database; resolves once the source holds none of them. */
export async function moveOrganization(operator: Operator, orgId: string, to: string, options: MoveOptions = {}): Promise<MoveResult> {
  return withMoveLock(operator.shared, orgId, async () => {
    const total = seconds();
    const progress = options.progress ?? (() => undefined);
    const plan = await planMove(operator, orgId, to);
    progress(`moving ${orgId} from ${plan.from} to ${to}: ${plan.tables.length} tables`);
    await clearLeftovers({ orgId, placement: plan.from, databases: operator.registry.placementDatabases(), required: [plan.from, to], rowsFrom: [to], warn: progress });
    await checkTargetIsEmpty(plan);
    const switched = await copyAndSwitch(operator, plan, options, progress);
    return finishMove(operator, plan, switched, total, progress);
  });
}

interface Switched {
  rows: number;
  firstFreezeSeconds: number;
  /** Since the switch's freeze began. */
  frozen: () => number;
}

/** Everything up to the commit point; any failure before it (or the signal) undoes the move. */
async function copyAndSwitch(operator: Operator, plan: MovePlan, options: MoveOptions, progress: (message: string) => void): Promise<Switched> {
  try {
    await copyOrganization(plan, options, progress);
    await options.hooks?.afterCopy?.(plan);
    const bulk = await verifyBulk(plan, options, progress);
    // Near the present before the freeze, so that the freeze has little left to catch up.
    await waitForCatchUp(plan, await plan.source.withSession(readCurrentLsn), options, 600);
    const frozen = seconds();
    const rows = await freezeAndVerify(plan, bulk.since, options, progress);
    options.signal?.throwIfAborted();
    await openTarget(operator, plan);
    return { rows, firstFreezeSeconds: bulk.frozenSeconds, frozen };
  } catch (caught) {
    // A stopped wait reports only that it was aborted; the signal's reason says why.
    const error: unknown = options.signal?.aborted ? options.signal.reason : caught;
    progress(`aborting: ${error instanceof Error ? error.message : String(error)}`);
    await undoMove(plan, progress);
    throw error;
  }
}

/** After the commit point nothing is undone (and a signal no longer stops it): the source sends everyone on and is cleared. */
async function finishMove(operator: Operator, plan: MovePlan, switched: Switched, total: () => number, progress: (message: string) => void): Promise<MoveResult> {
  const result: MoveResult = { orgId: plan.orgId, from: plan.from, to: plan.to, rows: switched.rows, totalSeconds: 0, freezeSeconds: 0 };
  try {
    await plan.source.withSession((session) => setFence(session, plan.orgId, 'gone'));
    const finalFreezeSeconds = switched.frozen();
    // The longer of the two freezes (the full check's, and the switch's).
    result.freezeSeconds = Math.max(switched.firstFreezeSeconds, finalFreezeSeconds);
    progress(`switched: ${plan.orgId} lives in ${plan.to} (its writes were held back ${switched.firstFreezeSeconds.toFixed(2)} s for the full check, ${finalFreezeSeconds.toFixed(2)} s for the switch)`);
    await announce(operator, plan.orgId, progress);
    await clearSource(plan, progress);
  } catch (error) {
    result.totalSeconds = total();
    throw new MoveCleanupError(result, error);
  }
  result.totalSeconds = total();
  return result;
}

/** `move <orgId> --abort`: removes what a killed or failed move left, against the directory. */
export async function abortMove(operator: Operator, orgId: string, progress: (message: string) => void = () => undefined): Promise<void> {
  await withMoveLock(operator.shared, orgId, async () => {
    const placement = await findPlacement(operator, orgId);
    const databases = operator.registry.placementDatabases();
    const elsewhere = databases.map(([name]) => name).filter((name) => name !== placement);
    await clearLeftovers({ orgId, placement, databases, required: [placement], rowsFrom: elsewhere, warn: progress });
    progress(`no leftovers of a move of ${orgId} remain; it lives in ${placement}`);
  });
}

/** The bulk: publication, slot and subscription, then wait until every table is copied and changes stream. */
async function copyOrganization(plan: MovePlan, options: MoveOptions, progress: (message: string) => void): Promise<void> {
  await plan.source.withSession(async (session) => {
    await createPublication(session, plan.name, plan.tables, plan.orgId);
    await createSlot(session, plan.name);
  });
  await plan.target.withSession((session) => createSubscription(session, plan.name, plan.sourceUrl));
  await plan.target.withSession(async (session) => {
    let reported = -1;
    for (;;) {
      const state = await readCopyProgress(session, plan.name);
      if (state.errors > 0) throw new Error(`the subscription on ${plan.to} reported ${state.errors} error(s); the target server's log says which`);
      if (state.copied !== reported) progress(`copying: ${(reported = state.copied)} of ${plan.tables.length} tables copied`);
      if (state.tables === plan.tables.length && state.copied === state.tables && state.isStreaming) return;
      await sleep(POLL_MS * 5, undefined, { signal: options.signal });
    }
  });
}

/**
 * The full check, at a point both sides agree on, for the price of a short freeze: fence the
 * writes, take the source's snapshot, let the target apply up to it and pause there, open the
 * writes again; then hash every row on both sides (the source in that snapshot) while writes go
 * on and wait in the slot; then resume. Answers the freeze's length and, per side, the
 * transaction id from which rows count as changed since.
 */
async function verifyBulk(plan: MovePlan, options: MoveOptions, progress: (message: string) => void): Promise<{ frozenSeconds: number; since: { source: string; target: string } }> {
  return plan.source.withSession((snapshotSession) =>
    inTransaction(
      snapshotSession,
      async () => {
        const frozen = seconds();
        let point: { snapshot: string; lsn: string; source: string; target: string };
        try {
          await holdWrites(plan);
          // The transaction's snapshot is taken here, by its first statement, with the writes held.
          const [row] = await snapshotSession.query<{ snapshot: string; lsn: string }>('select pg_export_snapshot() as snapshot, pg_current_wal_lsn()::text as lsn');
          const sourceXid = await readNextXid(snapshotSession);
          await waitForCatchUp(plan, row!.lsn, options);
          await plan.target.withSession((session) => pauseSubscription(session, plan.name, options.signal));
          point = { ...row!, source: sourceXid, target: await plan.target.withSession(readNextXid) };
        } finally {
          await plan.source.withSession((session) => removeFence(session, plan.orgId));
        }
        const frozenSeconds = frozen();
        progress(`paused at ${point.lsn} (writes held back ${frozenSeconds.toFixed(2)} s); checking every row`);
        const checked = seconds();
        const sums = await verifyCopy({ database: plan.source, snapshot: point.snapshot }, { database: plan.target }, plan.tables, plan.orgId);
        progress(`checked ${sums.reduce((total, sum) => total + sum.rows, 0)} rows in ${checked().toFixed(2)} s: the same on both sides`);
        await plan.target.withSession((session) => resumeSubscription(session, plan.name, options.signal));
        return { frozenSeconds, since: { source: point.source, target: point.target } };
      },
      'begin isolation level repeatable read read only',
    ),
  );
}

/** Fences the organization's writes on the source and waits for those under way (they hold the gate's lock shared). Answers the WAL position then. */
async function holdWrites(plan: MovePlan): Promise<string> {
  return plan.source.withSession(async (session) => {
    await setFence(session, plan.orgId, 'frozen');
    // Bounded: a write that never ends must not hold the freeze (the move aborts instead).
    await session.exec("set lock_timeout = '10s'");
    try {
      await session.query('select pg_advisory_lock(mp_org_lock_key($1))', [plan.orgId]);
      await session.query('select pg_advisory_unlock(mp_org_lock_key($1))', [plan.orgId]);
    } finally {
      await session.exec('reset lock_timeout');
    }
    return (await session.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn'))[0]!.lsn;
  });
}

/**
 * The freeze: the writes held, the target caught up with everything written until then, and
 * checked (every row counted, the rows changed since the full check hashed). Answers the
 * number of rows moved. The writes stay held: the switch follows.
 */
async function freezeAndVerify(plan: MovePlan, since: { source: string; target: string }, options: MoveOptions, progress: (message: string) => void): Promise<number> {
  const frozen = seconds();
  const lsn = await holdWrites(plan);
  progress(`frozen (writes under way ended at ${frozen().toFixed(2)} s): catching up to ${lsn}`);
  await waitForCatchUp(plan, lsn, options);
  progress(`caught up at ${frozen().toFixed(2)} s`);
  await options.hooks?.beforeVerify?.(plan);
  const sums = await verifyChanges(plan.source, plan.target, plan.tables, plan.orgId, since);
  await plan.target.withSession((session) => advanceSequences(session, plan.tables));
  const rows = sums.reduce((total, sum) => total + sum.rows, 0);
  progress(`verified at ${frozen().toFixed(2)} s: ${rows} rows in ${sums.length} tables, the same on both sides`);
  return rows;
}

const readCurrentLsn = async (session: RawSession) => (await session.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn'))[0]!.lsn;

async function waitForCatchUp(plan: MovePlan, lsn: string, options: MoveOptions, timeoutSeconds = options.catchUpTimeoutSeconds ?? 30): Promise<void> {
  const deadline = performance.now() + timeoutSeconds * 1000;
  await plan.source.withSession(async (session) => {
    while (!(await hasConfirmed(session, plan.name, lsn))) {
      if (performance.now() > deadline) throw new Error(`${plan.to} did not catch up with ${plan.from} in time`);
      await sleep(POLL_MS, undefined, { signal: options.signal });
    }
  });
}

/**
 * The switch: the target opens (its own fence, 'gone' from an earlier move away, goes) and the
 * directory names it (the commit point). The source is then fenced 'gone', which stays: a
 * server that missed the move is sent along by it.
 */
async function openTarget(operator: Operator, plan: MovePlan): Promise<void> {
  await plan.target.withSession((session) => removeFence(session, plan.orgId));
  try {
    await placeOrganization(operator.shared, plan.orgId, plan.to);
  } catch (error) {
    // The commit may have happened and only its answer been lost: the directory says which.
    if ((await findPlacement(operator, plan.orgId).catch(() => plan.from)) !== plan.to) throw error;
  }
  operator.registry.assign(plan.orgId, plan.to);
}

async function announce(operator: Operator, orgId: string, progress: (message: string) => void): Promise<void> {
  const redisUrl = operator.config.REDIS_URL;
  if (!redisUrl) return;
  // Servers poll the directory anyway, and the 'gone' fence redirects them: a lost announcement costs a retry.
  await announcePlacement(redisUrl, orgId).catch((error: unknown) => progress(`could not announce the move over Redis: ${error instanceof Error ? error.message : String(error)}`));
}

/** After the switch: replication down first (so nothing of the deletes travels), then the source's rows. */
async function clearSource(plan: MovePlan, progress: (message: string) => void): Promise<void> {
  const subscription = await plan.target.withSession((session) => dropSubscription(session, plan.name));
  await plan.source.withSession((session) => dropSourceReplication(session, plan.name, subscription));
  progress(`deleting the organization's rows from ${plan.from}`);
  await plan.source.withSession((session) => deleteOrganizationRows(session, plan.tables, plan.orgId));
}

/**
 * Before the switch, any failure puts things back: writes open again on the source, replication
 * gone, the copy deleted, the target's own fence back. Each step is tried whatever the others do;
 * what could not be undone is named for `move --abort`.
 */
async function undoMove(plan: MovePlan, progress: (message: string) => void): Promise<void> {
  let subscription: number | null = null;
  const steps: [string, () => Promise<unknown>][] = [
    ['open the source again', () => plan.source.withSession((session) => removeFence(session, plan.orgId))],
    ['drop the subscription', async () => (subscription = await plan.target.withSession((session) => dropSubscription(session, plan.name)))],
    ['drop the publication and slot', () => plan.source.withSession((session) => dropSourceReplication(session, plan.name, subscription))],
    ['delete the copy', () => plan.target.withSession((session) => deleteOrganizationRows(session, plan.tables, plan.orgId))],
    ['restore the target fence', () => (plan.targetFence ? plan.target.withSession((session) => setFence(session, plan.orgId, plan.targetFence!)) : Promise.resolve())],
  ];
  for (const [what, step] of steps) {
    await step().catch((error: unknown) =>
      progress(`could not ${what} (${error instanceof Error ? error.message : String(error)}); \`npm run tenant -- move ${plan.orgId} --abort\` does it`),
    );
  }
}
