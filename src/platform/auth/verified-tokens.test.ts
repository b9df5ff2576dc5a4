import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from './verified-tokens.js';

describe('verified tokens', () => {
  it('answer a token seen before until it expires, then forget it', () => {
    const tokens = new VerifiedTokens<{ expiresAt: number }>();
    tokens.remember('a', { expiresAt: 2_000 });
    expect(tokens.find('a', 1_999)).toEqual({ expiresAt: 2_000 });
    expect(tokens.find('a', 2_000)).toBeNull();
    expect(tokens.size).toBe(0);
    expect(tokens.find('never-seen', 0)).toBeNull();
  });

  it('keep at most their capacity, dropping the oldest', () => {
    const tokens = new VerifiedTokens<{ expiresAt: number }>(2);
    tokens.remember('a', { expiresAt: 9 });
    tokens.remember('b', { expiresAt: 9 });
    tokens.remember('c', { expiresAt: 9 });
    expect(tokens.size).toBe(2);
    expect(tokens.find('a', 0)).toBeNull();
    expect(tokens.find('c', 0)).not.toBeNull();
  });
});
