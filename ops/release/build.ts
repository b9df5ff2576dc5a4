/**
 * `npm run build`: the release in dist/ — the server compiled by tsc (source maps kept, tests
 * left out) and the web app built by Vite into dist/web — and dist/release.json, which
 * /api/health shows (the version, the commit, when it was built). `npm start` needs none of
 * this: it runs the sources through tsx and builds only the web app, when stale.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb } from '../../web/build.ts';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const distDir = join(rootDir, 'dist');

/** The commit being built: RELEASE_COMMIT (an image build has no .git), else git's HEAD, else unknown. */
function commitOf(): string {
  if (process.env.RELEASE_COMMIT) return process.env.RELEASE_COMMIT;
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: rootDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

const started = performance.now();
rmSync(distDir, { recursive: true, force: true });
await buildWeb({ force: true, quiet: true });
execFileSync(join(rootDir, 'node_modules', '.bin', 'tsc'), ['-p', join(rootDir, 'tsconfig.build.json')], { stdio: 'inherit' });
const { version } = JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as { version: string };
const release = { version, commit: commitOf(), builtAt: new Date().toISOString() };
writeFileSync(join(distDir, 'release.json'), `${JSON.stringify(release, null, 2)}\n`);
console.warn(`release ${release.version} (${release.commit}) built into dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
