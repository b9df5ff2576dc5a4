import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemRows } from '../../../test/factories/platform.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';
import { runCleanup } from '../../platform/jobs/schedules.js';
import { WINDOW_MINUTES } from './login-throttle.js';
import { LOGIN_ATTEMPTS_RETENTION_HOURS, settingsCleanups } from './retention.js';

let server: TestServer;
let org: Session;

beforeAll(async () => {
  server = await startTestServer({ JOBS_POLLING_SECONDS: '0.5' });
  org = await server.signup();
});
afterAll(() => server.stop());

const db = () => server.database.db;

/** Refresh tokens and failed sign-ins past retention and within it. */
async function seedAgedRows(tag: string) {
  await systemRows(db(), sql`insert into refresh_tokens (org_id, user_id, family_id, token_hash, expires_at) values
    (${org.orgId}, ${org.userId}, gen_random_uuid(), ${`${tag}-expired`}, now() - interval '1 minute'),
    (${org.orgId}, ${org.userId}, gen_random_uuid(), ${`${tag}-valid`}, now() + interval '1 day')`);
  // Failed sign-ins: one long past its window, one recent, one old but still locked out.
  await systemRows(db(), sql`insert into login_attempts (email, address, failures, first_failed_at, locked_until) values
    (${`${tag}-old@example.com`}, '192.0.2.1', 3, now() - interval '2 hours', null),
    (${`${tag}-recent@example.com`}, '192.0.2.1', 3, now() - interval '5 minutes', null),
    (${`${tag}-locked@example.com`}, '192.0.2.1', 5, now() - interval '2 hours', now() + interval '5 minutes')`);
}

async function survivors(tag: string) {
  const tokens = (await systemRows<{ token_hash: string }>(db(), sql`select token_hash from refresh_tokens where token_hash like ${`${tag}-%`} order by token_hash`)).map((row) => row.token_hash);
  const failedSignIns = (await systemRows<{ email: string }>(db(), sql`select email from login_attempts where email like ${`${tag}-%`} order by email`)).map((row) => row.email);
  return { tokens, failedSignIns };
}

describe("settings' clean-ups", () => {
  it('remove expired refresh tokens and failed sign-ins past their window and lockout, and keep the rest', async () => {
    await seedAgedRows('direct');
    expect(await runCleanup(server.platform, settingsCleanups)).toEqual({ refreshTokens: 1, loginAttempts: 1 });
    expect(await survivors('direct')).toEqual({ tokens: ['direct-valid'], failedSignIns: ['direct-locked@example.com', 'direct-recent@example.com'] });
  });

  it('keep failed sign-ins at least as long as the sign-in throttle counts them', () => {
    expect(LOGIN_ATTEMPTS_RETENTION_HOURS * 60).toBeGreaterThanOrEqual(WINDOW_MINUTES);
  });

  it("run in the platform's hourly cleanup job (the settings manifest hands them over)", async () => {
    await seedAgedRows('queued');
    await server.platform.jobs.send('maintenance-cleanup', {});
    const deadline = Date.now() + 15_000;
    while ((await survivors('queued')).tokens.length > 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await survivors('queued')).toEqual({ tokens: ['queued-valid'], failedSignIns: ['queued-locked@example.com', 'queued-recent@example.com'] });
  });
});
