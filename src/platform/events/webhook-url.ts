import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promises as dns } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import os from 'node:os';
import ipaddr from 'ipaddr.js';
import { AppError } from '../http/errors.js';

/**
 * True for every address a webhook must not reach from a shared installation, by one rule for
 * the URL check and for delivery: anything but ordinary unicast, by ipaddr.js's ranges (loopback,
 * private, shared, link-local, unique and site-local, reserved and documentation, multicast,
 * unspecified), every IPv6 form that carries or relays to an IPv4 address (::/96, ::ffff:0:0/96,
 * 6to4, NAT64, Teredo) except IPv4-mapped, which is judged by its IPv4 address, and every
 * address of this machine's own interfaces (read at each call: interfaces come and go).
 */
export function isPrivateAddress(address: string): boolean {
  const text = canonicalAddress(address);
  if (text === null) return true;
  let parsed = ipaddr.parse(text);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  // ipaddr.js names no range for ::/96 (IPv4-compatible, deprecated): the kernel may route it to the IPv4 address.
  if (parsed.kind() === 'ipv6' && parsed.match(ipv4Compatible)) return true;
  return parsed.range() !== 'unicast' || isOwnAddress(parsed);
}

const ipv4Compatible = ipaddr.parseCIDR('::/96');

/**
 * The address in a form ipaddr.js reads right, or null when it is none: ipaddr.js 2.5 reads
 * ::a.b.c.d as ::ffff:a.b.c.d, so IPv6 goes through the URL parser (the one the HTTP client
 * uses), which writes it in hex. A zone (fe80::1%eth0) makes it null.
 */
function canonicalAddress(address: string): string | null {
  const family = isIP(address);
  if (family === 4) return address;
  if (family !== 6) return null;
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

function isOwnAddress(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  const normalized = address.toNormalizedString();
  return Object.values(os.networkInterfaces()).some((entries) =>
    (entries ?? []).some((entry) => {
      const own = canonicalAddress(entry.address);
      return own !== null && ipaddr.process(own).toNormalizedString() === normalized;
    }),
  );
}

const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

const refuse = (message: string) => new AppError('VALIDATION', `url: ${message}`, [{ path: 'url', message }]);

/**
 * Refuses a webhook URL whose host is, or resolves to, an address on the server's own
 * networks, unless private URLs are allowed (on-premise installations and tests).
 */
export async function assertWebhookUrlAllowed(url: string, allowPrivate: boolean): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw refuse('must be an http or https URL');
  if (parsed.username || parsed.password) throw refuse('must not contain credentials');
  if (allowPrivate) return;
  const host = bareHost(parsed);
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await dns.lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch {
      throw refuse(`host ${host} does not resolve`);
    }
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw refuse('resolves to a private, loopback or link-local address');
  }
}

/**
 * The DNS lookup used when delivering: the same rule applied to the addresses actually
 * connected to, so a host that re-resolves to a private address later is still refused.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as LookupAddress[];
      const allowed = allowPrivate ? list : list.filter((entry) => !isPrivateAddress(entry.address));
      if (allowed.length === 0) {
        return callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'EPRIVATE' }), '', 0);
      }
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, allowed);
      return callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

/** Whether a literal-IP URL may be connected to (a lookup never runs for those). */
export function isLiteralHostAllowed(url: URL, allowPrivate: boolean): boolean {
  const host = bareHost(url);
  return allowPrivate || !isIP(host) || !isPrivateAddress(host);
}
