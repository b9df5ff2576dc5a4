import { describe, expect, it } from 'vitest';
import { startWebhookReceiver, verifySignature } from '../../../test/factories/events.js';
import { assertWebhookUrlAllowed, isPrivateAddress } from './webhook-url.js';
import { postWebhook, signatureHeader } from './webhooks.js';

describe('private addresses', () => {
  it.each([
    '127.0.0.1', '127.1.2.3', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '::1', '::', 'fe80::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not an address',
  ])('%s is private', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '93.184.216.34', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('assertWebhookUrlAllowed', () => {
  it('refuses a host name that resolves to loopback, naming url', async () => {
    await expect(assertWebhookUrlAllowed('http://localhost:8080/hook', false)).rejects.toMatchObject({ status: 400, fields: [{ path: 'url' }] });
  });

  it('accepts a public address, and a private one where private URLs are allowed', async () => {
    await expect(assertWebhookUrlAllowed('https://93.184.216.34/hook', false)).resolves.toBeUndefined();
    await expect(assertWebhookUrlAllowed('http://127.0.0.1:8080/hook', true)).resolves.toBeUndefined();
  });

  it('refuses credentials in the URL', async () => {
    await expect(assertWebhookUrlAllowed('https://user:pass@93.184.216.34/hook', false)).rejects.toMatchObject({ fields: [{ path: 'url' }] });
  });
});

describe('postWebhook', () => {
  it('does not connect to a private address at delivery time, whether written as an IP or resolved from a name', async () => {
    const receiver = await startWebhookReceiver([200]);
    try {
      const port = new URL(receiver.url).port;
      const literal = await postWebhook(`http://127.0.0.1:${port}/x`, '{}', {}, false);
      const named = await postWebhook(`http://localhost:${port}/x`, '{}', {}, false);
      expect(literal).toMatchObject({ statusCode: null, error: expect.stringContaining('private') });
      expect(named).toMatchObject({ statusCode: null, error: expect.stringContaining('private') });
      expect(receiver.received).toHaveLength(0);
      const allowed = await postWebhook(`http://localhost:${port}/x`, '{"a":1}', { 'monopilot-signature': 'test' }, true);
      expect(allowed).toMatchObject({ statusCode: 200, error: null });
      expect(receiver.received.map((request) => request.body)).toEqual(['{"a":1}']);
    } finally {
      await receiver.close();
    }
  });
});

describe('signatureHeader', () => {
  it('signs "<t>.<raw body>" with HMAC-SHA256 in the documented header format', () => {
    const body = '{"id":"1","type":"work_order.updated"}';
    const header = signatureHeader('the secret', 1_790_000_000, body);
    expect(header).toMatch(/^t=1790000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(header, 'the secret', body)).toBe(true);
    expect(verifySignature(header, 'the secret', `${body} `)).toBe(false);
  });
});
