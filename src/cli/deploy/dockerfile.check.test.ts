import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDockerfile, checkDockerignore, lintDockerfile, parseStages } from './dockerfile.check.js';

const dockerfile = readFileSync(new URL('../../../Dockerfile', import.meta.url), 'utf8');
const dockerignore = readFileSync(new URL('../../../.dockerignore', import.meta.url), 'utf8');

/** The repository's Dockerfile with one line changed (or removed, when `to` is empty). */
function changed(line: RegExp, to: string): string {
  const lines = dockerfile.split('\n');
  expect(lines.some((text) => line.test(text))).toBe(true);
  return lines.map((text) => (line.test(text) ? to : text)).join('\n');
}

describe('the Dockerfile check', () => {
  it("passes the repository's Dockerfile: two node:24-slim stages, the release script, node user, health check", () => {
    expect(checkDockerfile(dockerfile)).toEqual([]);
    const stages = parseStages(dockerfile);
    expect(stages.map((stage) => stage.from)).toEqual(['node:24-slim', 'node:24-slim']);
    expect(stages.at(-1)!.instructions.find((instruction) => instruction.keyword === 'HEALTHCHECK')!.args).toContain('/api/health');
  });

  it('fails an image that would run as root: no USER, USER root, or USER only in the build stage', () => {
    expect(checkDockerfile(changed(/^USER node$/, ''))).toEqual(['the runtime stage must switch to a non-root USER']);
    expect(checkDockerfile(changed(/^USER node$/, 'USER 0:0'))).toEqual([expect.stringMatching(/USER must not be root/)]);
    const userInBuildOnly = changed(/^USER node$/, '').replace('WORKDIR /src', 'WORKDIR /src\nUSER node');
    expect(checkDockerfile(userInBuildOnly)).toEqual(['the runtime stage must switch to a non-root USER']);
  });

  it('fails without a health check, with HEALTHCHECK NONE, or with one that does not ask /api/health', () => {
    const withoutHealthcheck = dockerfile.replace(/^HEALTHCHECK[^\n]*\\\n[^\n]*\n/m, '');
    expect(withoutHealthcheck).not.toContain('HEALTHCHECK');
    expect(checkDockerfile(withoutHealthcheck)).toEqual(['the runtime stage must have a HEALTHCHECK']);
    expect(checkDockerfile(`${withoutHealthcheck}\nHEALTHCHECK NONE\n`)).toEqual(['the runtime stage must have a HEALTHCHECK']);
    expect(checkDockerfile(dockerfile.replace("'/api/health'", "'/'"))).toEqual([expect.stringMatching(/must ask \/api\/health/)]);
  });

  it('fails another base image, a single stage, or a build stage that skips the release script', () => {
    expect(checkDockerfile(changed(/^FROM node:24-slim$/, 'FROM node:24'))).toEqual(['every stage must be FROM node:24-slim, not node:24']);
    expect(checkDockerfile(dockerfile.slice(dockerfile.indexOf('\nFROM node:24-slim\n')))).toEqual(['must be multi-stage: a build stage and a runtime stage']);
    expect(checkDockerfile(changed(/^RUN ops\/release\/assemble\.sh/, 'RUN npm run build'))).toEqual([expect.stringMatching(/must run ops\/release\/assemble\.sh/)]);
  });

  it('fails a runtime stage that copies more than /release, or whose CMD a shell would run', () => {
    const withSources = dockerfile.replace('COPY --from=build /release /app', 'COPY --from=build /release /app\nCOPY . /app');
    expect(checkDockerfile(withSources)).toEqual([expect.stringMatching(/may only copy \/release/)]);
    expect(checkDockerfile(changed(/^CMD /, 'CMD node dist/main.js'))).toEqual([expect.stringMatching(/exec form/)]);
    expect(checkDockerfile(changed(/^STOPSIGNAL/, ''))).toEqual([expect.stringMatching(/STOPSIGNAL SIGTERM/)]);
  });

  it("reports the linter's errors and warnings with their line", () => {
    const broken = changed(/^EXPOSE 3000$/, 'EXPOSE 3000/bogus').replace('WORKDIR /app', 'WORKDIR app');
    const problems = lintDockerfile(broken);
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^line \d+: error: Invalid proto/), expect.stringMatching(/^line \d+: warning: .*WORKDIR/i)]),
    );
    expect(checkDockerfile(broken)).toEqual(expect.arrayContaining(problems));
  });

  it('keeps node_modules, builds, data, history and .env out of the build context', () => {
    expect(checkDockerignore(dockerignore)).toEqual([]);
    expect(checkDockerignore(dockerignore.replace(/^node_modules$/m, '').replace(/^\.env$/m, '/.env/'))).toEqual(['.dockerignore must leave out node_modules']);
  });
});
