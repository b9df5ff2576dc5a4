import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

const distDir = fileURLToPath(new URL('../dist/web', import.meta.url));

const fallbackPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>MonoPilot</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>MonoPilot</h1>
<p>The server is running, but the web app has not been built: run <code>npm run build</code> (or <code>npm start</code>, which builds it).</p>
<ul><li><a href="/api/health">Health</a></li><li><a href="/api/docs">API documentation</a></li></ul>
</body></html>`;

/**
 * The floor scanner's service worker and manifest must be revalidated on every load, or a new release
 * reaches a handheld only after an hour; hashed assets never change under their name.
 */
function cacheControlOf(path: string): string {
  if (path.includes('/assets/')) return 'public, max-age=31536000, immutable';
  if (/(^|\/)(sw\.js|manifest\.webmanifest)$/.test(path)) return 'no-cache';
  return 'public, max-age=3600';
}

/**
 * Serves the built web app (dist/web) at /: hashed assets cached for a year, the app's screens
 * (web/src/sections.ts, written beside the build as sections.json) answered with index.html so that the app's own router takes over.
 * /api paths that match no route still get the problem+json 404 of the API.
 */
export const webRoutesFrom = (distDir: string): FastifyPluginAsync => async (app) => {
  const indexFile = join(distDir, 'index.html');
  const sectionsFile = join(distDir, 'sections.json');
  if (!existsSync(indexFile) || !existsSync(sectionsFile)) {
    app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(fallbackPage));
    return;
  }
  const indexHtml = readFileSync(indexFile);
  const appSections = JSON.parse(readFileSync(sectionsFile, 'utf8')) as string[];
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    serveDotFiles: false,
    // web/build.ts writes file.br and file.gz beside each text asset: sent as they are when the browser accepts them.
    preCompressed: true,
    globIgnore: ['.source-hash', 'index.html', 'sections.json', '**/*.br', '**/*.gz'],
    setHeaders: (reply, path) => {
      reply.header('cache-control', cacheControlOf(path));
    },
  });
  const sendApp = async (_request: unknown, reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  // Only the app's own sections, never a catch-all: a wildcard would turn unknown API paths into 405s.
  const options = { config: { public: true }, schema: { hide: true } };
  app.get('/', options, sendApp);
  for (const section of appSections) {
    app.get(`/${section}`, options, sendApp);
    app.get(`/${section}/*`, options, sendApp);
  }
};

export const webRoutes = webRoutesFrom(distDir);
