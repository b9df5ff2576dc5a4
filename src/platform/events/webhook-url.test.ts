import os from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

  it.each(['8.8.8.8', '93.184.216.34', '172.32.0.1', '2606:4700:4700::1111', '2606:2800:220:1::1', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  // IPv6 forms that carry an IPv4 address (or reach one through a relay), site-local, and documentation ranges.
  it.each([
    '::127.0.0.1', '::10.0.0.1', '::8.8.8.8', '::1.2.3.4', 'fe80::1%eth0', '::ffff:0:127.0.0.1', '::ffff:0:8.8.8.8', '2002:7f00:1::', '2002:a00:1::1', '2002:808:808::1',
    '64:ff9b::7f00:1', '64:ff9b::a9fe:a9fe', '64:ff9b::808:808', '64:ff9b:1::a9fe:a9fe', '64:ff9b:1::808:808', 'fec0::1', 'feff::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '::ffff:192.0.2.1', '192.0.2.1', '198.51.100.1', '203.0.113.1', '255.255.255.255', '2001:db8::1',
  ])('%s is refused', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });
});

describe("the machine's own addresses", () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses every address of every interface of this machine, loopback or not', () => {
    const own = Object.values(os.networkInterfaces()).flatMap((entries) => entries ?? []);
    expect(own.some((entry) => !entry.internal)).toBe(true);
    for (const entry of own) expect(isPrivateAddress(entry.address), entry.address).toBe(true);
  });

  it('refuses a public address when it is one of the machine\'s own, in any spelling, as it is at the time of asking', () => {
    expect(isPrivateAddress('8.8.4.4')).toBe(false);
    vi.spyOn(os, 'networkInterfaces').mockReturnValue({
      eth1: [
        { address: '8.8.4.4', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '8.8.4.4/24' },
        { address: '2606:4700::6810:84e5', netmask: 'ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: '2606:4700::6810:84e5/32', scopeid: 0 },
      ],
    });
    expect(isPrivateAddress('8.8.4.4')).toBe(true);
    expect(isPrivateAddress('::ffff:8.8.4.4')).toBe(true);
    expect(isPrivateAddress('2606:4700:0:0:0:0:6810:84e5')).toBe(true);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
  });
});

describe('assertWebhookUrlAllowed', () => {
  it('refuses a host name that resolves to loopback, naming url', async () => {
    await expect(assertWebhookUrlAllowed('http://localhost:8080/hook', false)).rejects.toMatchObject({ status: 400, fields: [{ path: 'url' }] });
  });

  it.each(['[::127.0.0.1]', '[::ffff:0:127.0.0.1]', '[2002:7f00:1::]', '[64:ff9b:1::a9fe:a9fe]', '[64:ff9b::a9fe:a9fe]', '[fec0::1]'])(
    'refuses http://%s/, an IPv6 spelling of a private address, naming url',
    async (host) => {
      await expect(assertWebhookUrlAllowed(`http://${host}/hook`, false)).rejects.toMatchObject({ status: 400, fields: [{ path: 'url' }] });
    },
  );

  it("refuses the machine's own non-loopback address", async () => {
    const own = Object.values(os.networkInterfaces()).flatMap((entries) => entries ?? []).filter((entry) => !entry.internal);
    for (const entry of own) {
      const host = entry.family === 'IPv6' ? `[${entry.address}]` : entry.address;
      if (entry.family === 'IPv6' && entry.scopeid) continue; // a link-local address needs a zone, which a URL cannot name
      await expect(assertWebhookUrlAllowed(`http://${host}:3000/hook`, false), entry.address).rejects.toMatchObject({ status: 400, fields: [{ path: 'url' }] });
    }
  });

  it('accepts a public address, and a private one where private URLs are allowed', async () => {
    await expect(assertWebhookUrlAllowed('https://93.184.216.34/hook', false)).resolves.toBeUndefined();
    await expect(assertWebhookUrlAllowed('https://[2606:2800:220:1::1]/hook', false)).resolves.toBeUndefined();
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
      for (const host of ['[::127.0.0.1]', '[::ffff:0:127.0.0.1]', '[::ffff:127.0.0.1]', '[2002:7f00:1::]']) {
        expect(await postWebhook(`http://${host}:${port}/x`, '{}', {}, false), host).toMatchObject({ statusCode: null, error: expect.stringContaining('private') });
      }
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
