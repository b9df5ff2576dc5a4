import type { RawSession } from '../db/database.js';

/**
 * The fences a move sets on an organization in one database (migration 0014): 'frozen' holds
 * back its writes while the last changes are caught up; 'gone' sends every request elsewhere.
 * Set as the connecting (owner) role, outside any tenant: the door only reads them.
 */
export type FenceMode = 'frozen' | 'gone';

export async function setFence(session: RawSession, orgId: string, mode: FenceMode): Promise<void> {
  await session.query(
    'insert into tenant_fences (org_id, mode) values ($1, $2) on conflict (org_id) do update set mode = excluded.mode, set_at = now()',
    [orgId, mode],
  );
}

export async function removeFence(session: RawSession, orgId: string): Promise<void> {
  await session.query('delete from tenant_fences where org_id = $1', [orgId]);
}

export async function findFence(session: RawSession, orgId: string): Promise<FenceMode | null> {
  const [row] = await session.query<{ mode: FenceMode }>('select mode from tenant_fences where org_id = $1', [orgId]);
  return row?.mode ?? null;
}
