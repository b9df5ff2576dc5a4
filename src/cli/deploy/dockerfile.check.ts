import { validate } from 'dockerfile-utils';

/** One instruction of a Dockerfile, its continuation lines joined. */
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  from: string;
  name: string | null;
  instructions: Instruction[];
}

const BASE_IMAGE = 'node:24-slim';
const RELEASE_SCRIPT = 'ops/release/assemble.sh';

/** The instructions of a Dockerfile, with the line each starts on (1-based); comments and blank lines dropped. */
export function parseInstructions(content: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | null = null;
  content.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    // Comments inside a continued instruction are skipped by the builder too.
    if (trimmed.startsWith('#') || (trimmed === '' && !pending)) return;
    const continued = trimmed.endsWith('\\');
    const text = continued ? trimmed.slice(0, -1) : trimmed;
    pending = pending ? { ...pending, text: `${pending.text} ${text}` } : { text, line: index + 1 };
    if (continued) return;
    const [keyword = '', ...rest] = pending.text.trim().split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line: pending.line });
    pending = null;
  });
  return instructions;
}

/** The build stages, each from its FROM to the next one. */
export function parseStages(content: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of parseInstructions(content)) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((word) => !word.startsWith('--'));
      const asIndex = words.findIndex((word) => word.toUpperCase() === 'AS');
      stages.push({ from: words[0] ?? '', name: asIndex >= 0 ? (words[asIndex + 1] ?? null) : null, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** dockerfile-utils' errors and warnings (what the Docker builder would refuse or frown at). */
export function lintDockerfile(content: string): string[] {
  // LSP severities: 1 error, 2 warning; information and hints are not problems.
  return validate(content)
    .filter((diagnostic) => diagnostic.severity === 1 || diagnostic.severity === 2)
    .map((diagnostic) => `line ${diagnostic.range.start.line + 1}: ${diagnostic.severity === 1 ? 'error' : 'warning'}: ${diagnostic.message}`);
}

const isRoot = (user: string) => ['root', '0'].includes(user.split(':')[0]!.trim());
const jsonArray = (args: string): unknown => {
  try {
    return JSON.parse(args);
  } catch {
    return null;
  }
};

/** The image rules this project holds its Dockerfile to (docs/self-hosting.md, "The image"). */
export function checkDockerfileRules(content: string): string[] {
  const stages = parseStages(content);
  if (stages.length < 2) return ['must be multi-stage: a build stage and a runtime stage'];
  const problems = stages.filter((stage) => stage.from.split('@')[0] !== BASE_IMAGE).map((stage) => `every stage must be FROM ${BASE_IMAGE}, not ${stage.from}`);
  const runtime = stages.at(-1)!;
  const builders = stages.slice(0, -1);
  const of = (keyword: string) => runtime.instructions.filter((instruction) => instruction.keyword === keyword);
  if (!builders.some((stage) => stage.instructions.some((instruction) => instruction.keyword === 'RUN' && instruction.args.includes(RELEASE_SCRIPT)))) {
    problems.push(`the build stage must run ${RELEASE_SCRIPT} (the release CI tests outside a container)`);
  }
  const user = of('USER').at(-1);
  if (!user) problems.push('the runtime stage must switch to a non-root USER');
  else if (isRoot(user.args)) problems.push(`line ${user.line}: the runtime stage's USER must not be root`);
  const healthcheck = of('HEALTHCHECK').at(-1);
  if (!healthcheck || /^NONE\b/i.test(healthcheck.args)) problems.push('the runtime stage must have a HEALTHCHECK');
  else if (!healthcheck.args.includes('/api/health')) problems.push(`line ${healthcheck.line}: the HEALTHCHECK must ask /api/health`);
  for (const copy of [...of('COPY'), ...of('ADD')]) {
    if (!/--from=\S+\s+\/release\s/.test(`${copy.args} `)) problems.push(`line ${copy.line}: the runtime stage may only copy /release from the build stage (production dependencies only)`);
  }
  if (!of('ENV').some((env) => /(^|\s)NODE_ENV=production(\s|$)/.test(env.args))) problems.push('the runtime stage must set NODE_ENV=production');
  if (!of('EXPOSE').some((expose) => expose.args.split(/\s+/).includes('3000'))) problems.push('the runtime stage must EXPOSE 3000');
  if (!of('STOPSIGNAL').some((signal) => signal.args === 'SIGTERM')) problems.push('the runtime stage must say STOPSIGNAL SIGTERM (the server drains on it)');
  const cmd = of('CMD').at(-1);
  if (JSON.stringify(cmd ? jsonArray(cmd.args) : null) !== JSON.stringify(['node', 'dist/main.js'])) {
    // Exec form: node is PID 1 and gets the SIGTERM itself, not a shell that would swallow it.
    problems.push('the runtime stage must end with CMD ["node", "dist/main.js"] (exec form)');
  }
  return problems;
}

/** Every problem of a Dockerfile: the linter's, then the project's rules. */
export function checkDockerfile(content: string): string[] {
  return [...lintDockerfile(content), ...checkDockerfileRules(content)];
}

/** What must never reach the build context: a host's node_modules (wrong native binaries), builds, data, history, secrets. */
const MUST_IGNORE = ['node_modules', 'dist', 'data', '.git', '.env'];

/** The .dockerignore's missing entries, each a problem. */
export function checkDockerignore(content: string): string[] {
  const entries = new Set(content.split(/\r?\n/).map((line) => line.trim().replace(/^\/+|\/+$/g, '')));
  return MUST_IGNORE.filter((entry) => !entries.has(entry)).map((entry) => `.dockerignore must leave out ${entry}`);
}
