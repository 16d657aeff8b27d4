// The bench's results: one table on the terminal, and the same as JSON and Markdown in
// bench/results/ with the date, the commit and the machine.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmailFanoutResult } from './email-fanout.ts';
import type { LoadResult } from './load.ts';
import { REPO } from './processes.ts';
import type { StreamResult } from './streams.ts';

export interface TargetResult {
  target: string;
  /** RSS of the server's process tree soon after it is ready (settings.idleAfterMs), before any request. */
  idleRssMb: number;
  /** The same at rest (settings.atRestAfterMs), once V8's memory reducer has run. */
  atRestRssMb: number;
  loads: LoadResult[];
}

export interface FanoutResult {
  target: string;
  users: number;
  /** From the request to every row existing. */
  allRowsMs: number;
  /** Longest wait of a concurrent unread-count poller while the fan-out ran. */
  probeMaxMs: number;
  probeP99Ms: number;
}

export interface Report {
  date: string;
  commit: string;
  machine: { cores: number; memoryGb: number; cpu: string; node: string; postgres: string };
  settings: Record<string, unknown>;
  targets: TargetResult[];
  fanouts: FanoutResult[];
  emails: EmailFanoutResult[];
  streams: Array<StreamResult & { target: string }>;
  extra: Record<string, unknown>;
}

export function machine(postgres: string): Report['machine'] {
  return {
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    postgres,
  };
}

export function commit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: REPO }).toString().trim();
  } catch {
    return 'unknown';
  }
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

/**
 * A load's ratio is to the mean of the ceiling measured just before and just after it
 * (`ceilingBesideRps`), so that the machine's drift between the start of a target and its last load
 * (the shared cores' speed moves by up to half within minutes) does not enter the ratio, and one
 * slow few seconds beside it count half; the ceiling's own row is its 20-second run.
 */
export function loadTable(targets: TargetResult[]): string {
  const lines = [
    '| target | load | req/s | ceiling beside it | before / after | × ceiling | p50 ms | p99 ms | max ms | errors | CPU ms/req | peak RSS MB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { target, loads } of targets) {
    for (const load of loads) {
      const [before, after] = load.ceilingBesideRps ?? [load.rps, load.rps];
      const ceiling = (before + after) / 2;
      const beside = load.ceilingBesideRps ? `${fixed(before, 0)} / ${fixed(after, 0)}` : '';
      lines.push(
        `| ${target} | ${load.name} | ${fixed(load.rps, 0)} | ${fixed(ceiling, 0)} | ${beside} | ${fixed(load.rps / ceiling, 2)} | ${fixed(load.p50)} | ${fixed(load.p99)} | ${fixed(load.max)} | ${load.errors} | ${fixed(load.cpuMsPerRequest, 3)} | ${fixed(load.peakRssMb, 0)} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Per server: idle memory, and the highest peak of its loads (BENCH.md's two memory bounds). */
export function memoryTable(targets: TargetResult[]): string {
  const lines = [
    '| target | idle RSS MB, just started | idle RSS MB, at rest | peak RSS under the loads MB |',
    '|---|---:|---:|---:|',
  ];
  for (const { target, idleRssMb, atRestRssMb, loads } of targets) {
    const peak = Math.max(...loads.map((load) => load.peakRssMb));
    lines.push(`| ${target} | ${fixed(idleRssMb, 0)} | ${fixed(atRestRssMb, 0)} | ${fixed(peak, 0)} |`);
  }
  return lines.join('\n');
}

export function fanoutTable(fanouts: FanoutResult[]): string {
  const lines = [
    '| target | users | all rows in ms | poller max wait ms | poller p99 ms |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const f of fanouts) {
    lines.push(
      `| ${f.target} | ${f.users} | ${fixed(f.allRowsMs, 0)} | ${fixed(f.probeMaxMs, 0)} | ${fixed(f.probeP99Ms, 0)} |`,
    );
  }
  return lines.join('\n');
}

export function emailFanoutTable(emails: EmailFanoutResult[]): string {
  const lines = [
    '| target | users | request ms | last email s | emails/s | repeats | KB per email | CPU ms per email, server / SMTP server | peak RSS MB | poller p99 / max ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const e of emails) {
    lines.push(
      `| ${e.target} | ${e.users} | ${fixed(e.requestMs, 0)} | ${fixed(e.lastEmailMs / 1000)} | ${fixed(e.emailsPerSecond, 0)} | ${e.repeats} | ${fixed(e.kbPerEmail)} | ${fixed(e.serverCpuMsPerEmail, 2)} / ${fixed(e.sinkCpuMsPerEmail, 2)} | ${fixed(e.peakRssMb, 0)} | ${fixed(e.probeP99Ms, 0)} / ${fixed(e.probeMaxMs, 0)} |`,
    );
  }
  return lines.join('\n');
}

export function streamTable(streams: Report['streams']): string {
  const lines = [
    '| target | streams open | idle RSS MB | RSS with streams MB | KB per stream | round | POST ms | delay from send p50 / p99 / max ms | delay after the answer p50 / p99 ms | delay from the commit p50 / p99 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of streams) {
    s.announcements.forEach((a, i) => {
      lines.push(
        `| ${s.target} | ${s.opened} / ${s.streams} | ${fixed(s.idleRssMb, 0)} | ${fixed(s.withStreamsRssMb, 0)} | ${fixed(s.perStreamKb)} | ${i + 1} | ${fixed(a.postMs, 0)} | ${fixed(a.fromSendP50Ms, 0)} / ${fixed(a.fromSendP99Ms, 0)} / ${fixed(a.fromSendMaxMs, 0)} | ${fixed(a.afterAnswerP50Ms, 0)} / ${fixed(a.afterAnswerP99Ms, 0)} | ${fixed(a.fromCommitP50Ms, 0)} / ${fixed(a.fromCommitP99Ms, 0)} |`,
      );
    });
  }
  return lines.join('\n');
}

export function writeReport(report: Report): { json: string; markdown: string } {
  const dir = path.join(REPO, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  // A --quick run only proves the bench works: it overwrites one ignored file, not the history.
  const stamp = report.settings.quick ? 'quick-latest' : report.date.replace(/[:.]/g, '-');
  const json = path.join(dir, `${stamp}.json`);
  const markdown = path.join(dir, `${stamp}.md`);
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  const m = report.machine;
  fs.writeFileSync(
    markdown,
    [
      `# Bench ${report.date} (commit ${report.commit})`,
      '',
      `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, Node ${m.node}, PostgreSQL ${m.postgres}.`,
      `Settings: ${JSON.stringify(report.settings)}`,
      '',
      '## Loads',
      '',
      loadTable(report.targets),
      '',
      '## Memory',
      '',
      memoryTable(report.targets),
      '',
      '## Fan-out',
      '',
      fanoutTable(report.fanouts),
      '',
      '## Email fan-out',
      '',
      emailFanoutTable(report.emails),
      '',
      '## Live streams',
      '',
      streamTable(report.streams),
      '',
      ...(Object.keys(report.extra).length
        ? ['## Other', '', '```json', JSON.stringify(report.extra, null, 2), '```', '']
        : []),
    ].join('\n'),
  );
  return { json, markdown };
}
