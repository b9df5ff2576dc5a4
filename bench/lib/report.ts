import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Measurement } from './types.js';

export interface ScenarioReport {
  name: string;
  description: string;
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  measurements: (Measurement & { ratioToBare: number | null })[];
  notes?: Record<string, unknown>;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  database: 'pglite' | 'postgres';
  node: string;
  cpus: number;
  durationSeconds: number;
  warmupSeconds: number;
  scenarios: ScenarioReport[];
}

/** app/bare per second in the same run; the bare row itself is 1. */
export function withRatios(measurements: Measurement[]): ScenarioReport['measurements'] {
  const bare = measurements.find((m) => m.target === 'bare');
  const round = (value: number, digits: number) => Number(value.toFixed(digits));
  return measurements.map((m) => ({
    ...m,
    perSecond: round(m.perSecond, 1),
    p50: round(m.p50, 3),
    p95: round(m.p95, 3),
    p97_5: round(m.p97_5, 3),
    p99: round(m.p99, 3),
    max: round(m.max, 3),
    ratioToBare: bare && bare.perSecond > 0 ? round(m.perSecond / bare.perSecond, 3) : null,
  }));
}

const fixed = (value: number, digits: number) => value.toFixed(digits);

export function formatTable(report: BenchReport): string {
  const header = ['scenario', 'target', 'conns', 'per second', 'p50 ms', 'p95 ms', 'p97.5 ms', 'p99 ms', 'errors', 'vs bare'];
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const scenario of report.scenarios) {
    if (scenario.status !== 'ok') {
      notes.push(`${scenario.name}: ${scenario.status}: ${scenario.reason}`);
      rows.push([scenario.name, scenario.status, '', '', '', '', '', '', '', '']);
      continue;
    }
    for (const m of scenario.measurements) {
      rows.push([
        scenario.name,
        m.target,
        String(m.connections),
        `${fixed(m.perSecond, 0)} ${m.unit}`,
        fixed(m.p50, 2),
        fixed(m.p95, 2),
        fixed(m.p97_5, 2),
        fixed(m.p99, 2),
        String(m.errors),
        m.ratioToBare === null ? '-' : fixed(m.ratioToBare, 2),
      ]);
    }
  }
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8, 9]);
  const line = (cells: string[]) => cells.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [
    `MonoPilot bench on ${report.database} (${report.cpus} cpus, node ${report.node}, ${report.durationSeconds}s per run after ${report.warmupSeconds}s warm-up)`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  if (notes.length) out.push('', ...notes);
  return out.join('\n');
}

export function writeReport(report: BenchReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const file = `${dir}/${stamp}-${report.database}.json`;
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

export const machineCpus = () => cpus().length;
