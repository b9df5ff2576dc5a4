/**
 * `npm run generate:api-types`: writes web/src/api/openapi.d.ts, the web app's API types, from the
 * OpenAPI document the server publishes at /api/openapi.json. The server is built, not started: its
 * own PGlite in a temporary directory, no port. src/cli/api-types.test.ts fails when the checked-in
 * file is not what this would write.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { loadConfig } from '../config.js';
import { createServer } from '../server.js';

export const apiTypesFile = fileURLToPath(new URL('../../web/src/api/openapi.d.ts', import.meta.url));

const header = `/**
 * Generated from /api/openapi.json by \`npm run generate:api-types\` (openapi-typescript): do not edit.
 * web/src/api/types.ts names the types the screens use.
 */

`;

/** The document served at /api/openapi.json, from an app that is ready (routes registered). */
export async function openApiDocumentOf(app: FastifyInstance): Promise<OpenAPI3> {
  await app.ready();
  return JSON.parse(JSON.stringify(app.swagger())) as OpenAPI3;
}

/** The TypeScript declarations of an OpenAPI document, as the checked-in file holds them. */
export async function apiTypesOf(document: OpenAPI3): Promise<string> {
  const ast = await openapiTS(document, { alphabetize: true });
  return header + astToString(ast);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'monopilot-openapi-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATA_DIR: dataDir };
  const server = await createServer(loadConfig(env));
  try {
    writeFileSync(apiTypesFile, await apiTypesOf(await openApiDocumentOf(server.app)));
    console.log(`wrote ${apiTypesFile}`);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
