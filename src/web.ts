import type { FastifyPluginAsync } from 'fastify';

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>MonoPilot</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>MonoPilot</h1>
<p>Manufacturing execution for food manufacturers. The server is running.</p>
<ul><li><a href="/api/health">Health</a></li><li><a href="/api/docs">API documentation</a></li></ul>
</body></html>`;

/** The page at / until the web app is built. */
export const webRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
};
