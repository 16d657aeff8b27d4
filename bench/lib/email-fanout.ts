// An announcement to every user with email on at once: the request, then every email handed to a
// local SMTP server (smtp-sink.mjs, a process of its own), while a few pollers ask for an unread
// count at a steady pace (users on the site meanwhile, not a load that competes for the CPU for a
// minute) and the server's memory is sampled.
import { type ChildProcess, fork } from 'node:child_process';
import { cpuMs, peakRssSampler } from './processes.ts';

export interface EmailFanoutResult {
  target: string;
  users: number;
  /** The announcement's POST, until it answered. */
  requestMs: number;
  /** From the request to the last email accepted by the SMTP server. */
  lastEmailMs: number;
  /** Emails accepted, and how many of them repeated a Message-ID. */
  emails: number;
  repeats: number;
  /** Average size of a message as the SMTP server received it. */
  kbPerEmail: number;
  /** Emails per second between the first and the last one accepted. */
  emailsPerSecond: number;
  peakRssMb: number;
  /** CPU time per email of the server's processes and of the SMTP server (a figure the machine's noise moves less). */
  serverCpuMsPerEmail: number;
  sinkCpuMsPerEmail: number;
  probeP99Ms: number;
  probeMaxMs: number;
}

interface SinkReport {
  received: number;
  unique: number;
  bytes: number;
  firstAt: number;
  lastAt: number;
  cpuMs: number;
}

export interface SmtpSink {
  url: string;
  report(): Promise<SinkReport>;
  stop(): Promise<void>;
}

export function startSmtpSink(): Promise<SmtpSink> {
  const child: ChildProcess = fork(new URL('./smtp-sink.mjs', import.meta.url), { stdio: 'inherit' });
  const report = () =>
    new Promise<SinkReport>((resolve) => {
      child.once('message', (message) => resolve(message as SinkReport));
      child.send('report');
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.send('stop');
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (message) => {
      const { port } = message as { port: number };
      resolve({ url: `smtp://127.0.0.1:${port}`, report, stop });
    });
  });
}

interface EmailFanoutOptions {
  target: string;
  baseUrl: string;
  serverPid: number;
  adminToken: string;
  pollerTokens: readonly string[];
  users: number;
  sink: SmtpSink;
  /** Gives up waiting for the last email after this long. */
  timeoutMs: number;
}

/** Each poller asks this often; four of them make about 200 requests a second. */
const POLL_EVERY_MS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

async function asAdmin(options: EmailFanoutOptions, method: string, path: string, body: object) {
  const response = await fetch(`${options.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${options.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}

export async function measureEmailFanout(options: EmailFanoutOptions): Promise<EmailFanoutResult> {
  // Announcements are emailed only if still unread after 15 minutes by default; this one at once.
  await asAdmin(options, 'PUT', '/api/admin/delivery-policies/announcement/email/', {
    timing: 'immediate',
  });
  const waits: number[] = [];
  let polling = true;
  const pollers = options.pollerTokens.map(async (token) => {
    while (polling) {
      const started = performance.now();
      await fetch(`${options.baseUrl}/api/communications/notifications/unread-count/`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.arrayBuffer());
      const waited = performance.now() - started;
      waits.push(waited);
      await new Promise((r) => setTimeout(r, Math.max(0, POLL_EVERY_MS - waited)));
    }
  });
  const memory = peakRssSampler(options.serverPid, 250);
  const serverCpuBefore = cpuMs(options.serverPid);
  const sinkCpuBefore = (await options.sink.report()).cpuMs;

  const startedAt = Date.now();
  const { notified } = await asAdmin(options, 'POST', '/api/communications/announcements/', {
    title: `Bench email fan-out ${startedAt}`,
    content: 'Measuring how fast one announcement reaches every inbox.',
  });
  const requestMs = Date.now() - startedAt;
  if (notified !== options.users)
    throw new Error(`announcement notified ${String(notified)} users, expected ${options.users}`);

  let report = await options.sink.report();
  while (report.unique < options.users) {
    if (Date.now() - startedAt > options.timeoutMs)
      throw new Error(`only ${report.unique} of ${options.users} emails arrived in ${options.timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
    report = await options.sink.report();
  }
  const serverCpu = cpuMs(options.serverPid) - serverCpuBefore;
  polling = false;
  await Promise.all(pollers);
  const peakRssMb = memory.stop() / 1048576;
  waits.sort((a, b) => a - b);
  return {
    target: options.target,
    users: options.users,
    requestMs,
    lastEmailMs: report.lastAt - startedAt,
    emails: report.received,
    repeats: report.received - report.unique,
    kbPerEmail: report.bytes / 1024 / Math.max(1, report.received),
    emailsPerSecond: (report.unique - 1) / Math.max(0.001, (report.lastAt - report.firstAt) / 1000),
    peakRssMb,
    serverCpuMsPerEmail: serverCpu / Math.max(1, report.received),
    sinkCpuMsPerEmail: (report.cpuMs - sinkCpuBefore) / Math.max(1, report.received),
    probeP99Ms: percentile(waits, 99),
    probeMaxMs: waits.at(-1) ?? 0,
  };
}
