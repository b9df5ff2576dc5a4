import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * API.md "headers", through helmet, before any other hook so that refusals carry them too:
 * X-Content-Type-Options: nosniff and Referrer-Policy on every response, and a Content-Security-
 * Policy that forbids framing (frame-ancestors 'none', and X-Frame-Options for old browsers).
 * The web app (Vite's build: module scripts from /assets, no inline script) and the Swagger UI
 * at /api/docs (its scripts are files too) run under it; Mantine writes <style> elements and
 * style attributes, hence 'unsafe-inline' for styles only.
 *
 * helmet itself, built once: @fastify/helmet builds a new helmet (parsing the policy again) for
 * every request, a twentieth of the scanner lookup's CPU.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: { isHttps: boolean }): void {
  const applyHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // No upgrade-insecure-requests: on a plain-HTTP factory network it would break every request.
      },
    },
    frameguard: { action: 'deny' },
    // HSTS only when the server itself speaks HTTPS (TLS_CERT_FILE): a plain-HTTP answer carrying
    // it would pin a host that a plant serves both ways; behind a TLS proxy, the proxy sends it.
    strictTransportSecurity: options.isHttps ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', (request, reply, done) => applyHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
}
