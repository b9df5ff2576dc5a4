/**
 * npx tsx bench/profile-summary.ts <file.cpuprofile> [fromSecond] [toSecond]
 *
 * Where the CPU went in a V8 profile (node --cpu-prof), between two moments of the run
 * (seconds from the profile's start; by default all of it): self time by package and by
 * function, and inclusive time by function, as shares of the window. The same file opens as a
 * flame graph in Chrome DevTools (Performance → Load profile) or at https://www.speedscope.app.
 * Also prints how busy each second was, to find the window of one load run.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, fromArg, toArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [fromSecond] [toSecond]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

const from = profile.startTime + Number(fromArg ?? 0) * 1e6;
const to = toArg === undefined ? Infinity : profile.startTime + Number(toArg) * 1e6;

const where = (url: string) => url.replace(/.*node_modules\//, '').replace(/^.*?\/(src|bench|test)\//, '$1/');
const label = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${where(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
function packageOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName;
  const inModules = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  if (url.startsWith('node:')) return url;
  return where(url).split('/').slice(0, 3).join('/');
}

const selfByFunction = new Map<string, number>();
const selfByPackage = new Map<string, number>();
const inclusive = new Map<string, number>();
const busyBySecond = new Map<number, [busy: number, idle: number]>();
const add = (map: Map<string, number>, key: string, value: number) => map.set(key, (map.get(key) ?? 0) + value);
let total = 0;
let time = profile.startTime;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index]!;
  time += delta;
  const node = nodes.get(id)!;
  const second = Math.floor((time - profile.startTime) / 1e6);
  const bucket = busyBySecond.get(second) ?? [0, 0];
  bucket[node.callFrame.functionName === '(idle)' ? 1 : 0] += delta;
  busyBySecond.set(second, bucket);
  if (time < from || time > to) return;
  total += delta;
  add(selfByFunction, label(node), delta);
  add(selfByPackage, packageOf(node), delta);
  const seen = new Set<string>();
  for (let current: number | undefined = id; current !== undefined; current = parents.get(current)) {
    const name = label(nodes.get(current)!);
    if (seen.has(name)) continue;
    seen.add(name);
    add(inclusive, name, delta);
  }
});

const top = (map: Map<string, number>, count: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, value]) => `${((100 * value) / total).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');

console.log(`busy share per second: ${[...busyBySecond].map(([second, [busy, idle]]) => `${second}:${Math.round((100 * busy) / (busy + idle))}%`).join(' ')}`);
console.log(`\nwindow: ${(total / 1000).toFixed(0)} ms of samples`);
console.log(`\nself time by package\n${top(selfByPackage, 25)}`);
console.log(`\nself time by function\n${top(selfByFunction, 30)}`);
console.log(`\ninclusive time by function\n${top(inclusive, 50)}`);
