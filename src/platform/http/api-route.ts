import type { FastifyRequest } from 'fastify';

export const API_PREFIX = '/api/v1/';

/**
 * Whether the request was routed to an /api/v1 route. Decided by the router's match, never by
 * the raw request line: `GET http://host/api/v1/...` (an absolute URL) is routed like its path.
 */
export function isApiRoute(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith(API_PREFIX) ?? false;
}

/** The path and query the client asked for, also when the request line held an absolute URL. */
export function requestTarget(request: FastifyRequest): { path: string; query: string } {
  const url = new URL(request.url, 'http://request.invalid');
  return { path: url.pathname, query: url.search };
}
