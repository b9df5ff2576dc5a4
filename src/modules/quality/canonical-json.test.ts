import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, recordSha256 } from './canonical-json.js';

describe('the canonical JSON a signature hashes', () => {
  it('sorts keys at every level and drops undefined, so the same record always hashes the same', () => {
    const a = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, e: undefined };
    const b = { a: { c: 'x', d: [3, { y: null, z: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    expect(recordSha256(a)).toBe(recordSha256(b));
    expect(recordSha256(a)).toBe(createHash('sha256').update(canonicalJson(b)).digest('hex'));
  });

  it('any change of a value changes the hash', () => {
    expect(recordSha256({ qty: 1 })).not.toBe(recordSha256({ qty: 1.5 }));
    expect(recordSha256({ status: 'closed' })).not.toBe(recordSha256({ status: 'open' }));
  });
});
