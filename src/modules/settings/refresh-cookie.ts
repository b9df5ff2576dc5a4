import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { REFRESH_TOKEN_DAYS } from '../../platform/auth/tokens.js';
import { AppError, invalid } from '../../platform/http/errors.js';

// Cookie mode, for the web app: a request with `X-Refresh-Cookie: 1` gets its refresh token in
// an HttpOnly cookie that no script can read, sent back only to the auth endpoints; the JSON
// body then omits it. The custom header is also what makes the cookie safe to honour: a
// cross-site form cannot send it, and SameSite=Strict keeps the cookie off cross-site requests.
// Without the header nothing changes: the token travels in the body and no cookie is set.

export const REFRESH_COOKIE = 'monopilot_refresh';
export const REFRESH_COOKIE_HEADER = 'x-refresh-cookie';

export const isCookieMode = (request: FastifyRequest): boolean => request.headers[REFRESH_COOKIE_HEADER] === '1';

const cookieOptions = (request: FastifyRequest): CookieSerializeOptions => ({
  httpOnly: true,
  sameSite: 'strict',
  path: '/api/v1/auth',
  secure: request.protocol === 'https',
});

/** The answer to a sign-in or refresh: in cookie mode the refresh token moves from the body into the cookie. */
export function answerWithRefreshToken<T extends { refreshToken: string }>(request: FastifyRequest, reply: FastifyReply, answer: T): T | Omit<T, 'refreshToken'> {
  if (!isCookieMode(request)) return answer;
  const { refreshToken, ...rest } = answer;
  reply.setCookie(REFRESH_COOKIE, refreshToken, { ...cookieOptions(request), maxAge: REFRESH_TOKEN_DAYS * 24 * 60 * 60 });
  return rest;
}

/** The refresh token a refresh or logout presents: the cookie in cookie mode (401 without one), the body otherwise. */
export function presentedRefreshToken(request: FastifyRequest, body: { refreshToken?: string } | null | undefined): string {
  if (isCookieMode(request)) {
    const token = request.cookies[REFRESH_COOKIE];
    if (!token) throw new AppError('UNAUTHENTICATED', 'the refresh token is not valid');
    return token;
  }
  if (!body?.refreshToken) throw invalid('refreshToken', 'is required');
  return body.refreshToken;
}

/** Logout in cookie mode: the browser drops the cookie (Max-Age=0). */
export function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply): void {
  if (isCookieMode(request)) reply.clearCookie(REFRESH_COOKIE, cookieOptions(request));
}
