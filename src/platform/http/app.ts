import { randomUUID } from 'node:crypto';
import compress from '@fastify/compress';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../context.js';
import { registerHealth } from '../health.js';
import { registerMetrics } from '../metrics.js';
import { registerAuthentication, type AccessResolver } from './authenticate.js';
import { registerIdempotency } from './idempotency.js';
import { registerNulRefusal } from './nul-characters.js';
import { registerProblemHandlers } from './problem.js';
import { createRateLimits } from './rate-limits.js';
import { registerSecurityHeaders } from './security-headers.js';
import { readTlsFiles } from './tls.js';

export interface AppOptions {
  /** The business modules' routes, mounted under /api/v1 in order. */
  modules: FastifyPluginAsync[];
  resolveAccess: AccessResolver;
  /** Serves the web app (or a plain page until it exists) at /. */
  web?: FastifyPluginAsync;
}

declare module 'fastify' {
  interface FastifyInstance {
    platform: Platform;
  }
}

const requestIdPattern = /^[\w.:-]{1,128}$/;

/**
 * Builds the HTTP server in a fixed order: infrastructure (security headers, compression, errors, auth,
 * limits, text checks, idempotency, docs, metrics), then the modules' routes, then the web app.
 */
export async function buildApp(platform: Platform, options: AppOptions): Promise<FastifyInstance> {
  const tls = readTlsFiles(platform.config);
  const app = Fastify({
    // Node's https server has the http server's API: the instance is used the same either way.
    ...(tls ? { https: tls } : {}),
    loggerInstance: platform.log as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    return503OnClosing: true,
    trustProxy: trustedProxies(platform.config.TRUST_PROXY),
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('platform', platform);
  // The API speaks JSON only: a text/plain body is refused with 415 rather than parsed as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });
  // A graceful close waits for every connection to end, and a keep-alive connection of a
  // request that was in flight would otherwise idle on for keepAliveTimeout (72 s): answers
  // given while closing say Connection: close, and connections left idle are closed.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onResponse', async () => {
    if (closing) setImmediate(() => app.server.closeIdleConnections());
  });

  registerSecurityHeaders(app, { isHttps: tls !== null });
  // Answers over 1 KB compressed when the client accepts it (API.md). The event stream hijacks its reply,
  // so it is never buffered here; the web app's assets are compressed at build and sent as they are.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  registerProblemHandlers(app);
  const limits = await createRateLimits(app, platform);
  // A request without a valid token is counted against its client address before it is refused;
  // every other API request is counted against its caller once authentication knows who that is.
  registerAuthentication(app, platform, options.resolveAccess, { onRefused: limits.count });
  app.addHook('onRequest', limits.countApiRequest);
  registerNulRefusal(app);
  registerIdempotency(app);
  await registerOpenApi(app);
  registerMetrics(app, platform);
  registerHealth(app, platform);

  await app.register(
    async (api) => {
      for (const module of options.modules) await api.register(module);
    },
    { prefix: '/api/v1' },
  );
  if (options.web) await app.register(options.web);
  return app;
}

/**
 * TRUST_PROXY as Fastify's trustProxy: unset trusts nobody (X-Forwarded-For is ignored and the
 * socket's address is the client); a number trusts that many hops nearest the server (the server
 * must then only be reachable through them; Fastify itself refuses plain numbers for that reason,
 * so the count is spelled as the function it stands for); else a list of addresses and CIDR ranges.
 */
export function trustedProxies(setting: string | undefined): false | string[] | ((address: string, hop: number) => boolean) {
  if (!setting) return false;
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  return setting.split(',').map((part) => part.trim()).filter(Boolean);
}

async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'MonoPilot API', version: '1.0.0', description: 'Manufacturing execution for food manufacturers' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    // Puts the schemas named with .meta({ id }) into components.schemas, where the routes' $refs point.
    transformObject: jsonSchemaTransformObject,
  });
  // No validator badge: it is an image from validator.swagger.io, which the CSP (rightly) refuses.
  // Tags folded: 100-odd operations rendered at once stopped Swagger UI after its third tag.
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { validatorUrl: null, docExpansion: 'none' } });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}
