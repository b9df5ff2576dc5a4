import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, errors, jwtVerify } from 'jose';
import { VerifiedTokens } from './verified-tokens.js';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_DAYS = 30;

const ISSUER = 'monopilot';
const AUDIENCE = 'monopilot-api';

export interface AccessClaims {
  userId: string;
  orgId: string;
  /** The sign-in (refresh token family) the access token was issued in; `sid` in the JWT. */
  sessionId?: string;
}

/** What a verified access token says: its claims and when it expires. */
export interface VerifiedAccess extends AccessClaims {
  /** `exp`, in milliseconds since the epoch. */
  expiresAt: number;
}

export interface TokenService {
  signAccess(claims: AccessClaims): Promise<string>;
  verifyAccess(token: string): Promise<VerifiedAccess | null>;
}

export function createTokenService(secret: string): TokenService {
  const key = new TextEncoder().encode(secret);
  // Imported once: jose would import raw key bytes into Web Crypto on every verification.
  const verifyKey = crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const verified = new VerifiedTokens<VerifiedAccess>();
  return {
    signAccess: ({ userId, orgId, sessionId }) =>
      new SignJWT({ org: orgId, ...(sessionId ? { sid: sessionId } : {}) })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId)
        .setIssuedAt()
        .setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .sign(key),
    async verifyAccess(token) {
      const known = verified.find(token);
      if (known) return known;
      const access = await verifyWithJose(token, await verifyKey);
      if (access) verified.remember(token, access);
      return access;
    },
  };
}

async function verifyWithJose(token: string, key: Awaited<ReturnType<typeof crypto.subtle.importKey>>): Promise<VerifiedAccess | null> {
  try {
    // Every claim we sign is required: a token without exp would never expire.
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'iat', 'sub'] });
    if (typeof payload.sub !== 'string' || typeof payload.org !== 'string') return null;
    return {
      userId: payload.sub,
      orgId: payload.org,
      expiresAt: payload.exp! * 1000,
      ...(typeof payload.sid === 'string' ? { sessionId: payload.sid } : {}),
    };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

/** JWT_SECRET when given; otherwise one generated on first start and kept in the data directory. */
export function resolveJwtSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export const newOpaqueToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
