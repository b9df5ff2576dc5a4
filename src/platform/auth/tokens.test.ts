import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_SECONDS, createTokenService } from './tokens.js';

// An access token is accepted only when it carries every claim we sign: exp, iat, sub, the
// issuer and the audience. A token signed with our key but missing one (a leaked key's forgery
// that never expires, a token minted for another audience) is refused.

const secret = 'test-secret-that-is-long-enough-for-hs256-signing';
const key = new TextEncoder().encode(secret);
const tokens = createTokenService(secret);
const userId = '01930000-0000-7000-8000-000000000001';
const orgId = '01930000-0000-7000-8000-000000000002';

type Claim = 'exp' | 'iat' | 'sub' | 'iss' | 'aud';

/** A token like ours, signed with our key, leaving out the named claim. */
function forge(without: Claim | null, overrides: Partial<Record<Claim, string | number>> = {}) {
  const jwt = new SignJWT({ org: orgId }).setProtectedHeader({ alg: 'HS256' });
  if (without !== 'sub') jwt.setSubject(String(overrides.sub ?? userId));
  if (without !== 'iat') jwt.setIssuedAt();
  if (without !== 'exp') jwt.setExpirationTime(overrides.exp ?? '15m');
  if (without !== 'iss') jwt.setIssuer(String(overrides.iss ?? 'monopilot'));
  if (without !== 'aud') jwt.setAudience(String(overrides.aud ?? 'monopilot-api'));
  return jwt.sign(key);
}

describe('access tokens', () => {
  it('our own tokens round-trip, with the session they belong to', async () => {
    const signedAt = Date.now();
    const token = await tokens.signAccess({ userId, orgId, sessionId: '01930000-0000-7000-8000-000000000003' });
    const verified = await tokens.verifyAccess(token);
    expect(verified).toEqual({ userId, orgId, sessionId: '01930000-0000-7000-8000-000000000003', expiresAt: expect.any(Number) });
    // 15 minutes from signing, to the second the JWT's exp can tell.
    expect(Math.abs(verified!.expiresAt - (signedAt + ACCESS_TOKEN_SECONDS * 1000))).toBeLessThanOrEqual(1000);
  });

  it('a token with every claim is accepted (the forgery below is faithful)', async () => {
    expect(await tokens.verifyAccess(await forge(null))).toEqual({ userId, orgId, expiresAt: expect.any(Number) });
  });

  it.each<Claim>(['exp', 'iat', 'sub', 'iss', 'aud'])('a token without %s is refused', async (claim) => {
    expect(await tokens.verifyAccess(await forge(claim))).toBeNull();
  });

  it('a token for another audience or issuer, or expired, is refused', async () => {
    expect(await tokens.verifyAccess(await forge(null, { aud: 'someone-else' }))).toBeNull();
    expect(await tokens.verifyAccess(await forge(null, { iss: 'someone-else' }))).toBeNull();
    expect(await tokens.verifyAccess(await forge(null, { exp: Math.floor(Date.now() / 1000) - 60 }))).toBeNull();
  });
});

describe('a token verified before', () => {
  it('is answered again without a second check, and not after it expires', async () => {
    const token = await forge(null, { exp: Math.floor(Date.now() / 1000) + 2 });
    expect(await tokens.verifyAccess(token)).not.toBeNull();
    expect(await tokens.verifyAccess(token)).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await tokens.verifyAccess(token)).toBeNull();
  });

  it('lends nothing to a token that differs from it in any byte', async () => {
    const token = await forge(null);
    expect(await tokens.verifyAccess(token)).not.toBeNull();
    const tampered = `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.at(-1)}`;
    expect(await tokens.verifyAccess(tampered)).toBeNull();
  });
});
