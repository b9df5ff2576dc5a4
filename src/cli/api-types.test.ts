import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/server.js';
import { apiTypesFile, apiTypesOf, openApiDocumentOf } from './api-types.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('the web app’s API types (web/src/api/openapi.d.ts)', () => {
  it('are what the server’s OpenAPI document generates today: after an API change, run `npm run generate:api-types`', async () => {
    const current = await apiTypesOf(await openApiDocumentOf(server.app));
    // One line that differs, not 17,000: the first difference is what the message shows.
    const checkedIn = readFileSync(apiTypesFile, 'utf8').split('\n');
    const generated = current.split('\n');
    const firstDifference = generated.findIndex((line, index) => line !== checkedIn[index]);
    expect(firstDifference === -1 && checkedIn.length === generated.length ? 'current' : `differs from line ${firstDifference + 1}: ${generated[firstDifference]}`).toBe('current');
  });
});
