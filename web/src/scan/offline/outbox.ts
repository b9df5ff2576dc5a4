import { api, ApiError, getSession, restoreSession } from '../../api/client';
import type { LicensePlate } from '../../api/types';
import { scannerDb, type QueuedAction } from './db';

/** How many sent actions stay listed (newest), so the person sees what went through. */
const KEEP_SENT = 20;
const RETRY_EVERY_MS = 10_000;

type Listener = () => void;
const listeners = new Set<Listener>();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('monopilot.scanner-outbox');
let snapshot: QueuedAction[] = [];

async function reload(): Promise<void> {
  snapshot = await (await scannerDb()).getAll('actions');
  for (const listener of listeners) listener();
}

function changed(): void {
  channel?.postMessage('changed');
  void reload();
}
channel?.addEventListener('message', () => void reload());

export function subscribeOutbox(listener: Listener): () => void {
  listeners.add(listener);
  if (listeners.size === 1) void reload();
  return () => listeners.delete(listener);
}

export function outboxSnapshot(): QueuedAction[] {
  return snapshot;
}

/** The person's id, also offline (the session cannot be restored without the server). */
export function currentUserId(): string | null {
  const userId = getSession().userId;
  if (userId) localStorage.setItem('monopilot.scanner.user', userId);
  return userId ?? localStorage.getItem('monopilot.scanner.user');
}

export type NewAction = Pick<QueuedAction, 'kind' | 'path' | 'body' | 'lpNumber' | 'summary'>;

/** Stores a confirmed action with its own Idempotency-Key (before anything is sent), then tries to send. */
export async function enqueue(action: NewAction): Promise<void> {
  const db = await scannerDb();
  await db.add('actions', { ...action, key: crypto.randomUUID(), userId: currentUserId(), state: 'pending', attempts: 0, createdAt: Date.now() });
  changed();
  void flushOutbox();
}

export async function discardAction(id: number): Promise<void> {
  await (await scannerDb()).delete('actions', id);
  changed();
}

/** A refused action, changed by the person: a new key, since the body is no longer the one the server refused. */
export async function retryAction(id: number, body?: Record<string, unknown>): Promise<void> {
  const db = await scannerDb();
  const action = await db.get('actions', id);
  if (!action) return;
  await db.put('actions', { ...action, body: body ?? action.body, key: crypto.randomUUID(), state: 'pending', refusal: undefined, attempts: 0 });
  changed();
  void flushOutbox();
}

/** Network errors, 5xx (503 while a server restarts), 429 and an expired session are tried again later with the same key. */
function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status >= 500 || error.status === 429 || error.status === 401 || error.status === 408;
}

async function send(action: QueuedAction): Promise<string | undefined> {
  let path = action.path;
  let body = action.body;
  if (action.lpNumber) {
    // Scanned offline, the plate is known by its number only; the same number gives the same id every attempt.
    const lp = await api<LicensePlate>(`/license-plates/by-number/${encodeURIComponent(action.lpNumber)}`);
    path = path.replace(':lp', lp.id);
    body = Object.fromEntries(Object.entries(body).map(([name, value]) => [name, value === ':lp' ? lp.id : value]));
  }
  const answer = await api<Record<string, unknown>>(path, { method: 'POST', body, idempotencyKey: action.key });
  return resultOf(answer);
}

function resultOf(answer: Record<string, unknown> | undefined): string | undefined {
  if (!answer) return undefined;
  const plate = answer.licensePlate as { number?: string } | undefined;
  const plates = answer.licensePlates as { number?: string }[] | undefined;
  if (plates?.length) return [answer.number, ...plates.map((each) => each.number)].filter(Boolean).join(' · ');
  return plate?.number ?? (typeof answer.number === 'string' ? answer.number : undefined);
}

let flushing: Promise<void> | null = null;

/** Sends pending actions oldest first, one at a time (one tab at a time too); stops at the first that must wait. */
export function flushOutbox(): Promise<void> {
  flushing ??= withOutboxLock(flushPending).finally(() => {
    flushing = null;
  });
  return flushing;
}

async function withOutboxLock(fn: () => Promise<void>): Promise<void> {
  if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request('monopilot.scanner-outbox', fn);
  return fn();
}

async function flushPending(): Promise<void> {
  const db = await scannerDb();
  const pending = (await db.getAll('actions')).filter((action) => action.state === 'pending');
  if (pending.length === 0) return;
  // Opened offline, the session could not be restored; the refresh cookie is still there.
  const status = getSession().status;
  if (status === 'unreachable' || status === 'restoring') await restoreSession();
  if (getSession().status !== 'signed-in') return;
  for (const action of pending) {
    if (action.userId && action.userId !== getSession().userId) continue; // waits for its own person to sign in
    try {
      const result = await send(action);
      await db.put('actions', { ...action, state: 'sent', result, sentAt: Date.now(), attempts: action.attempts + 1 });
    } catch (error) {
      if (isTransient(error)) {
        await db.put('actions', { ...action, attempts: action.attempts + 1, lastError: error instanceof Error ? error.message : String(error) });
        changed();
        return; // keeps the order: nothing after it goes first
      }
      const problem = (error as ApiError).problem;
      const refusal = { status: problem.status, detail: problem.detail || problem.title, code: problem.code, params: problem.params };
      await db.put('actions', { ...action, state: 'refused', attempts: action.attempts + 1, refusal });
    }
    changed();
  }
  await pruneSent();
}

async function pruneSent(): Promise<void> {
  const db = await scannerDb();
  const sent = (await db.getAll('actions')).filter((action) => action.state === 'sent');
  for (const old of sent.slice(0, Math.max(0, sent.length - KEEP_SENT))) await db.delete('actions', old.id!);
  if (sent.length > KEEP_SENT) changed();
}

/** Sends when the connection comes back, and every few seconds while anything waits. */
export function startOutbox(): () => void {
  const flush = () => void flushOutbox();
  window.addEventListener('online', flush);
  const timer = window.setInterval(flush, RETRY_EVERY_MS);
  flush();
  return () => {
    window.removeEventListener('online', flush);
    window.clearInterval(timer);
  };
}
