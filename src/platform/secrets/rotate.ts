import type { Database, RawSession } from '../db/database.js';
import { WEBHOOK_SECRET_PURPOSE } from '../events/webhook.queries.js';
import { SEALED_PURPOSE } from '../http/idempotency.js';
import type { SecretBox } from './secret-box.js';

export interface RotationResult {
  webhookSecrets: number;
  storedReplays: number;
  /** Values still not under the current key afterwards (0 when the rotation is complete). */
  left: number;
}

/**
 * Seals again, under the box's current key, every secret of one database that is under
 * another key or in clear (written before MASTER_KEY). Row by row, each a compare-and-set, so
 * servers keep running: they hold both keys while this runs (MASTER_KEY the new one,
 * MASTER_KEY_PREVIOUS the old) and open either. Runs as the operator (a superuser: every
 * organization's rows).
 */
export async function rotateSecrets(database: Database, box: SecretBox): Promise<RotationResult> {
  return database.withSession(async (session) => {
    const webhookSecrets = await resealColumn(session, box, {
      select: 'select id::text as id, secret as value from webhook_endpoints',
      update: 'update webhook_endpoints set secret = $1 where id = $2::uuid and secret = $3',
      purpose: WEBHOOK_SECRET_PURPOSE,
    });
    const storedReplays = await resealColumn(session, box, {
      select: "select org_id::text || ':' || user_id::text || ':' || key as id, response->>'mpSealed' as value from idempotency_keys where response ? 'mpSealed'",
      update: "update idempotency_keys set response = jsonb_build_object('mpSealed', $1::text) where org_id::text || ':' || user_id::text || ':' || key = $2 and response->>'mpSealed' = $3",
      purpose: SEALED_PURPOSE,
    });
    return { webhookSecrets, storedReplays, left: await countNotUnder(session, box) };
  });
}

async function resealColumn(session: RawSession, box: SecretBox, column: { select: string; update: string; purpose: string }): Promise<number> {
  let resealed = 0;
  for (const row of await session.query<{ id: string; value: string }>(column.select)) {
    if (box.keyIdOf(row.value) === box.keyId) continue;
    const value = box.seal(box.open(row.value, column.purpose), column.purpose);
    await session.query(column.update, [value, row.id, row.value]);
    resealed++;
  }
  return resealed;
}

/** Secrets not sealed under the current key (clear ones too). */
export async function countNotUnder(session: RawSession, box: SecretBox): Promise<number> {
  const prefix = `mp1:${box.keyId}:`;
  const [row] = await session.query<{ n: number }>(
    `select (select count(*) from webhook_endpoints where not starts_with(secret, $1))::int
          + (select count(*) from idempotency_keys where response ? 'mpSealed' and not starts_with(response->>'mpSealed', $1))::int as n`,
    [prefix],
  );
  return row!.n;
}
