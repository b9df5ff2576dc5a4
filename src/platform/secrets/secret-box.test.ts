import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, keyIdOf } from './secret-box.js';

const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const purpose = 'webhook_endpoints.secret';

describe('secrets sealed with the master key', () => {
  it('round-trips, and the sealed text neither holds the secret nor repeats itself', () => {
    const box = createSecretBox(oldKey);
    const [a, b] = [box.seal('whsec_abc', purpose), box.seal('whsec_abc', purpose)];
    expect(a).toMatch(new RegExp(`^mp1:${keyIdOf(oldKey)}:`));
    expect(a).not.toContain('whsec_abc');
    expect(a).not.toBe(b);
    expect(box.open(a, purpose)).toBe('whsec_abc');
  });

  it('opens values of the previous key while sealing new ones with the current key (a rotation under way)', () => {
    const sealedBefore = createSecretBox(oldKey).seal('whsec_old', purpose);
    const rotating = createSecretBox(newKey, [oldKey]);
    expect(rotating.open(sealedBefore, purpose)).toBe('whsec_old');
    expect(rotating.keyIdOf(rotating.seal('whsec_new', purpose))).toBe(keyIdOf(newKey));
  });

  it('refuses a value of a key it does not hold, an altered value, and one moved to another column', () => {
    const sealed = createSecretBox(oldKey).seal('whsec_abc', purpose);
    expect(() => createSecretBox(newKey).open(sealed, purpose)).toThrow(/neither MASTER_KEY nor MASTER_KEY_PREVIOUS/);
    const altered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => createSecretBox(oldKey).open(altered, purpose)).toThrow(/does not open/);
    expect(() => createSecretBox(oldKey).open(sealed, 'idempotency_keys.response')).toThrow(/does not open/);
  });

  it('answers a value stored before sealing existed as it is', () => {
    expect(createSecretBox(newKey).open('whsec_legacy', purpose)).toBe('whsec_legacy');
    expect(createSecretBox(newKey).keyIdOf('whsec_legacy')).toBeNull();
  });
});
