import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { listAccountEmails } from './email-claims.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../../test/database.js';
import { receivePlates, setupInventory } from '../../../test/factories/inventory.js';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';
import { SHARED_DATABASE } from '../../platform/db/directory.js';
import { importOrganization } from '../../platform/tenants/import.js';
import { checksumOrganization, listOrgTables } from '../../platform/tenants/org-tables.js';

describe('GET /api/v1/organization/export', () => {
  let server: TestServer;
  let admin: Session;
  let neighbour: Session;

  beforeAll(async () => {
    server = await startTestServer();
    const world = await setupInventory(server);
    admin = world.admin;
    await receivePlates(world, { qty: 2.5, count: 3 });
    const other = await setupInventory(server);
    neighbour = other.admin;
    await receivePlates(other, { qty: 1, count: 2 });
  });
  afterAll(async () => {
    await server.stop();
  });

  const download = (session: Session) => server.app.inject({ method: 'GET', url: '/api/v1/organization/export', headers: { authorization: `Bearer ${session.accessToken}` } });

  it("streams the organization's export as an attachment, announcing its rows up front", async () => {
    const response = await download(admin);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/gzip');
    expect(response.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="monopilot-${admin.orgId}-\\d{4}-\\d{2}-\\d{2}\\.mpx\\.gz"$`));
    const lines = gunzipSync(response.rawPayload).toString('utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({ format: 'monopilot-organization', version: 1, orgId: admin.orgId });
    expect(Number(response.headers['x-export-rows'])).toBe(lines.length - 1);
    expect(lines.length - 1).toBeGreaterThan(10);
    // Only the caller's organization: every row names it, none names the neighbour.
    for (const line of lines.slice(1)) {
      const { t, r } = JSON.parse(line);
      expect(t === 'organizations' ? r.id : r.org_id).toBe(admin.orgId);
    }
    expect(lines.some((line) => line.includes(neighbour.orgId))).toBe(false);
  });

  it('is the same file the operator imports: loaded elsewhere it checks out row for row', async () => {
    const response = await download(admin);
    const file = join(mkdtempSync(join(tmpdir(), 'mp-download-')), 'org.mpx.gz');
    writeFileSync(file, response.rawPayload);
    const target = await createTestDatabase({ serverUrl: inject('serverUrl'), template: inject('template'), pgliteDump: inject('pgliteDump') });
    try {
      await importOrganization({ shared: target.db, target: target.db, targetName: SHARED_DATABASE, accountEmails: listAccountEmails }, file);
      const sums = (db: typeof target.db) => db.withSession(async (session) => checksumOrganization(session, await listOrgTables(session), admin.orgId));
      expect(await sums(target.db)).toEqual(await sums(server.database.db));
    } finally {
      await target.drop();
    }
  });

  it('needs the settings write right', async () => {
    const viewer = await server.userWithRoles(admin, ['viewer']);
    const response = await download(viewer);
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });
});
