import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What is running: a built release's dist/release.json, else the sources' version (npm start). */
export interface Release {
  version: string;
  commit: string;
  builtAt: string | null;
}

// From dist/platform/release.js these are dist/release.json and the release's package.json;
// from src/platform/release.ts (tsx) there is no release.json.
const releaseFile = fileURLToPath(new URL('../release.json', import.meta.url));
const packageFile = fileURLToPath(new URL('../../package.json', import.meta.url));

function readRelease(): Release {
  if (existsSync(releaseFile)) return JSON.parse(readFileSync(releaseFile, 'utf8')) as Release;
  const { version } = JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string };
  return { version, commit: 'sources', builtAt: null };
}

export const release: Release = readRelease();
