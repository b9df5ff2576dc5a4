import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Session, type TestServer } from '../../../test/server.js';

let server: TestServer;
let admin: Session;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signup();
});
afterAll(() => server.stop());

describe('organization settings', () => {
  it('start with the documented defaults', async () => {
    const settings = await server.as(admin.accessToken).get('/api/v1/settings');
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({
      receiptQaRequired: false,
      outputQaRequired: false,
      overReceiptTolerancePercent: 0,
      expiryWarningDays: 7,
      locale: 'en',
      timezone: 'UTC',
      gs1CompanyPrefix: null,
      overConsumptionTolerancePercent: 10,
    });
  });

  it('keep the GS1 company prefix, and clear it with null', async () => {
    const api = server.as((await server.signup()).accessToken);
    const set = await api.patch('/api/v1/settings', { gs1CompanyPrefix: '0590123' });
    expect(set.status).toBe(200);
    expect(set.body.gs1CompanyPrefix).toBe('0590123');
    expect((await api.get('/api/v1/settings')).body.gs1CompanyPrefix).toBe('0590123');
    expect((await api.patch('/api/v1/settings', { gs1CompanyPrefix: '5901234567' })).body.gs1CompanyPrefix).toBe('5901234567');
    expect((await api.patch('/api/v1/settings', { gs1CompanyPrefix: null })).body.gs1CompanyPrefix).toBeNull();
  });

  it.each(['590123', '59012345678', '59O1234', 5901234])('refuse %j as a GS1 company prefix, naming it, and change nothing', async (prefix) => {
    const api = server.as((await server.signup()).accessToken);
    await api.patch('/api/v1/settings', { gs1CompanyPrefix: '5901234' });
    const response = await api.patch('/api/v1/settings', { gs1CompanyPrefix: prefix, expiryWarningDays: 30 });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors[0].path).toBe('gs1CompanyPrefix');
    expect((await api.get('/api/v1/settings')).body).toMatchObject({ gs1CompanyPrefix: '5901234', expiryWarningDays: 7 });
  });

  it('a change is seen on the very next request despite the cache', async () => {
    const api = server.as(admin.accessToken);
    await api.get('/api/v1/settings');
    const patched = await api.patch('/api/v1/settings', { receiptQaRequired: true, overReceiptTolerancePercent: 2.5, timezone: 'Europe/Warsaw', locale: 'pl' });
    expect(patched.status).toBe(200);
    const read = await api.get('/api/v1/settings');
    expect(read.body).toMatchObject({ receiptQaRequired: true, overReceiptTolerancePercent: 2.5, timezone: 'Europe/Warsaw', locale: 'pl' });
  });

  it('refuses an unknown time zone or locale, naming the field, and changes nothing', async () => {
    const session = await server.signup();
    const api = server.as(session.accessToken);
    const badZone = await api.patch('/api/v1/settings', { timezone: 'Mars/Olympus', expiryWarningDays: 30 });
    expect(badZone.status).toBe(400);
    expect(badZone.body.errors[0].path).toBe('timezone');
    const badLocale = await api.patch('/api/v1/settings', { locale: 'de' });
    expect(badLocale.body.errors[0].path).toBe('locale');
    expect((await api.get('/api/v1/settings')).body).toMatchObject({ timezone: 'UTC', expiryWarningDays: 7, locale: 'en' });
  });

  it('are separate per organization', async () => {
    const first = await server.signup();
    const second = await server.signup();
    await server.as(first.accessToken).patch('/api/v1/settings', { expiryWarningDays: 14 });
    expect((await server.as(second.accessToken).get('/api/v1/settings')).body.expiryWarningDays).toBe(7);
  });

  it('need settings write to change', async () => {
    const operator = await server.userWithRoles(admin, ['operator']);
    const api = server.as(operator.accessToken);
    expect((await api.get('/api/v1/settings')).status).toBe(200);
    expect((await api.patch('/api/v1/settings', { expiryWarningDays: 1 })).status).toBe(403);
  });
});
