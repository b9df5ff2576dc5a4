import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { call, signInAs, signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';

useBrowser();

/** A receiving system: the first delivery fails with 500, later ones are accepted. */
const received: Array<{ signature: string; body: string; event: string }> = [];
let receiver: Server;
let receiverUrl = '';
beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ signature: String(request.headers['monopilot-signature'] ?? ''), body, event: String(request.headers['monopilot-event'] ?? '') });
      response.writeHead(received.length === 1 ? 500 : 200).end(received.length === 1 ? 'busy' : 'ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/monopilot`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

browserTest(
  'an admin adds a webhook, keeps the secret shown once, sees each delivery with its answer, and deletes it',
  async ({ page }) => {
    const session = await signUp();
    const token = session.accessToken;
    const warehouse = (await call('POST', '/warehouses', { code: 'WH', name: 'Main' }, token)).body;
    const dock = (await call('POST', '/locations', { warehouseId: warehouse.id, code: 'DOCK', name: 'Dock', type: 'receiving' }, token)).body;
    const flour = (await call('POST', '/products', { code: 'FLOUR', name: 'Flour', type: 'raw', uom: 'kg' }, token)).body;
    await signInAs(page, session);

    await page.goto('/webhooks');
    await page.getByText('No webhooks yet.').waitFor();
    await page.getByTestId('new-webhook').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('webhook-url').fill('not a url');
    await dialog.getByTestId('webhook-save').click();
    await dialog.getByText('Enter an http or https URL').waitFor();
    await dialog.getByTestId('webhook-url').fill(receiverUrl);
    await dialog.getByTestId('webhook-event-receipt.created').click();
    await dialog.getByTestId('webhook-save').click();

    const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await page.getByTestId('webhook-secret-done').click();
    await page.getByTestId('webhooks').getByText(receiverUrl).waitFor();
    expect(await page.getByText(secret).count()).toBe(0); // never shown again
    const [webhook] = (await call('GET', '/webhooks', undefined, token)).body.items;
    expect(webhook).toMatchObject({ url: receiverUrl, events: ['work_order.updated', 'receipt.created'], active: true });

    // Goods arrive: receipt.created goes out, first refused (500), then retried and accepted.
    expect((await call('POST', '/receipts', { locationId: dock.id, lines: [{ productId: flour.id, qty: 25, lot: 'L-1' }] }, token)).status).toBe(201);
    await page.getByTestId('webhooks').getByText(receiverUrl).click();
    await page.waitForURL(`**/webhooks/${webhook.id}`);
    const deliveries = page.getByTestId('deliveries');
    await deliveries.getByTestId('delivery-status').getByText('500').waitFor({ timeout: 40_000 });
    await deliveries.getByTestId('delivery-status').getByText('200').waitFor({ timeout: 40_000 });
    expect(await deliveries.getByText('receipt.created').count()).toBe(2);
    expect(await deliveries.getByText(' ms').count()).toBeGreaterThanOrEqual(2);

    // The receiver can check every delivery with the secret it was shown.
    const accepted = received.at(-1)!;
    expect(accepted.event).toBe('receipt.created');
    const [, timestamp, signature] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(accepted.signature)!;
    expect(createHmac('sha256', secret).update(`${timestamp}.${accepted.body}`).digest('hex')).toBe(signature);

    await page.getByTestId('webhook-delete').click();
    await page.getByTestId('webhook-delete-confirm').click();
    await page.waitForURL('**/webhooks');
    await page.getByText('No webhooks yet.').waitFor();
    expect((await call('GET', '/webhooks', undefined, token)).body.items).toHaveLength(0);
  },
  { timeout: 120_000 },
);
