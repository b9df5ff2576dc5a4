import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** What the server said when it refused an action for good (problem+json). */
export interface Refusal {
  status: number;
  detail: string;
  code?: string;
  /** The values the code's message names, to say it in the person's language (api/problem-text.ts). */
  params?: Record<string, string | number | boolean | null>;
}

export type ActionKind = 'receive' | 'move' | 'hold' | 'consume' | 'output' | 'pick';

/**
 * One confirmed floor action, kept on the device until the server has it. `key` is its Idempotency-Key,
 * made when it was confirmed and sent with every attempt, so a retry after a lost answer does the work once.
 */
export interface QueuedAction {
  /** Auto-incremented: the order actions were confirmed in, which is the order they are sent in. */
  id?: number;
  key: string;
  kind: ActionKind;
  /** The POST path; `:lp` stands for the plate scanned as `lpNumber`, looked up when it is sent. */
  path: string;
  body: Record<string, unknown>;
  lpNumber?: string;
  /** Who confirmed it: it is never sent under someone else's session. */
  userId: string | null;
  /** What the person saw, to show in the queue (interpolation values of scan.queue.kind.*). */
  summary: Record<string, string | number>;
  state: 'pending' | 'refused' | 'sent';
  refusal?: Refusal;
  /** What the server made (a plate number, a receipt number), once sent. */
  result?: string;
  attempts: number;
  lastError?: string;
  createdAt: number;
  sentAt?: number;
}

/** A read kept for when the network is gone, with the time it was fetched. */
export interface CachedRead {
  path: string;
  userId: string | null;
  data: unknown;
  at: number;
}

interface ScannerDb extends DBSchema {
  actions: { key: number; value: QueuedAction };
  reads: { key: string; value: CachedRead };
}

let opened: Promise<IDBPDatabase<ScannerDb>> | null = null;

export function scannerDb(): Promise<IDBPDatabase<ScannerDb>> {
  opened ??= openDB<ScannerDb>('monopilot-scanner', 1, {
    upgrade(db) {
      db.createObjectStore('actions', { keyPath: 'id', autoIncrement: true });
      db.createObjectStore('reads', { keyPath: 'path' });
    },
  });
  return opened;
}
