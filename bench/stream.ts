// `npx tsx bench/stream.ts [--streams 2000] [--users U] [--concurrency 200]`: the live stream
// under many connections. Seeds U bench users (`npm run cli -- seed-bench --users U --per-user 1`)
// into a temporary data folder (or the PostgreSQL database BENCH_DATABASE_URL, replacing an earlier
// bench data set there), starts one server process as `npm start` runs it, opens N streams (raw
// node:http, one socket each, user i mod U), and reports the server's resident memory per open
// stream, then how long one announcement by the bench admin takes to reach every stream.
//
// Each stream is a socket in this process and in the server: both need `ulimit -n` above N (plus
// some headroom); the script checks it and says what to raise.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readDataset } from './lib/dataset.ts';
import { buildServer, REPO, rssBytes, startServer } from './lib/processes.ts';
import { mintTokens } from './lib/tokens.ts';

const { values: args } = parseArgs({
  options: {
    streams: { type: 'string', default: '2000' },
    users: { type: 'string' },
    concurrency: { type: 'string', default: '200' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(`npx tsx bench/stream.ts [options]
  --streams N        open streams (default 2000)
  --users U          bench users; stream i belongs to user i mod U (default N; at least N/5,
                     the server allows 5 streams per user)
  --concurrency C    streams being opened at the same time (default 200)
Environment: BENCH_DATABASE_URL runs it on that PostgreSQL database instead of the embedded one
(its bench users are replaced: seed-bench --reset), JWT_SECRET (optional) the secret to use there.`);
  process.exit(0);
}

const streams = Number(args.streams);
const users = Number(args.users ?? streams);
const concurrency = Number(args.concurrency);
const BASE = '/api/communications/notifications';
if (users * 5 < streams) throw new Error(`--users ${users} is too few for ${streams} streams (5 per user)`);

function progress(message: string) {
  process.stderr.write(`[stream bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function openFileLimit(): number {
  return Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim());
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)] ?? Number.NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Stream {
  request: http.ClientRequest;
  /** When the opening unread count arrived (performance.now()). */
  connectedAt?: number;
  /** When the current announcement arrived. */
  announcedAt?: number;
  tail: string;
}

/** Opens one stream on its own socket; resolves once the server sent the opening unread count. */
function openOne(url: string, token: string, all: Stream[]): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      agent: false,
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    });
    const stream: Stream = { request, tail: '' };
    request.on('error', reject);
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`stream answered ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        // Only two facts matter: the first unread count, and the first notification. A marker
        // may be split between chunks, so the end of the previous chunk is kept.
        const text = stream.tail + chunk;
        stream.tail = text.slice(-32);
        if (stream.connectedAt === undefined && text.includes('event: unread_count\n')) {
          stream.connectedAt = performance.now();
          all.push(stream);
          resolve(stream);
        }
        if (stream.announcedAt === undefined && text.includes('event: notification\n')) {
          stream.announcedAt = performance.now();
        }
      });
    });
    request.end();
  });
}

async function openMany(url: string, tokens: readonly string[], count: number, parallel: number) {
  const all: Stream[] = [];
  const connectMs: number[] = [];
  let next = 0;
  let failed = 0;
  let lastError = '';
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const started = performance.now();
      try {
        await openOne(url, tokens[index % tokens.length]!, all);
        connectMs.push(performance.now() - started);
      } catch (error) {
        failed += 1;
        lastError = (error as Error).message;
      }
      if (index > 0 && index % 1000 === 0) progress(`${index} streams open`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return { all, connectMs: connectMs.sort((a, b) => a - b), failed, lastError };
}

function npmCli(cliArgs: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'cli', '--', ...cliArgs], {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run cli exited ${code}`))));
  });
}

const MB = 1024 * 1024;
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

async function main() {
  const limit = openFileLimit();
  const needed = streams + 200;
  if (limit < needed) {
    throw new Error(
      `ulimit -n is ${limit}: ${streams} streams need at least ${needed} open files in this process ` +
        `and in the server. Raise it first, e.g. \`ulimit -n ${needed + 1000}\`.`,
    );
  }

  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stream-bench-'));
  const env: Record<string, string> = databaseUrl
    ? {
        DATABASE_URL: databaseUrl,
        JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(36).toString('base64url'),
        DATA_DIR: dataDir,
      }
    : { DATA_DIR: dataDir, SEED_DEMO: 'false', JWT_SECRET: '', DATABASE_URL: '' };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  const opened: Stream[] = [];
  try {
    progress(`seeding ${users} users on ${databaseUrl ? 'PostgreSQL' : 'the embedded database'}`);
    await npmCli(
      ['seed-bench', '--users', String(users), '--per-user', '1', ...(databaseUrl ? ['--reset'] : [])],
      env,
    );
    const dataset = await readDataset(databaseUrl ? { databaseUrl } : { dataDir }, 1);
    progress('building and starting the server');
    await buildServer();
    server = await startServer(env);
    const pid = server.child.pid!;
    // The embedded server made its secret on first start; with PostgreSQL it is JWT_SECRET.
    const secret = env.JWT_SECRET || fs.readFileSync(path.join(dataDir, 'jwt-secret'), 'utf8').trim();
    const tokens = await mintTokens(secret, dataset.users.slice(0, users));
    const [adminToken] = await mintTokens(secret, [dataset.admin]);
    const url = `${server.baseUrl}${BASE}/stream/`;

    // Warm up (code paths compiled, pools filled) before the baseline.
    const warm = await openMany(url, tokens, 50, 10);
    for (const stream of warm.all) stream.request.destroy();
    await sleep(1500);
    const rssBefore = rssBytes(pid);

    progress(`opening ${streams} streams, ${concurrency} at a time`);
    const openStarted = performance.now();
    const result = await openMany(url, tokens, streams, concurrency);
    const openSeconds = (performance.now() - openStarted) / 1000;
    opened.push(...result.all);
    if (result.failed > 0) progress(`${result.failed} streams failed to open (last: ${result.lastError})`);
    await sleep(2000);
    const rssAfter = rssBytes(pid);

    // Twice: the first announcement of a fresh process also pays for compiling its code path.
    const announcements: Array<{ postMs: number; notified: number; delays: number[] }> = [];
    for (const round of [1, 2]) {
      progress(`announcement ${round} to every user`);
      for (const stream of opened) stream.announcedAt = undefined;
      const announced = performance.now();
      const response = await fetch(`${server.baseUrl}/api/communications/announcements/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: `Stream bench ${round}`,
          content: 'How fast does this reach every stream?',
        }),
      });
      const postMs = performance.now() - announced;
      if (response.status !== 201) throw new Error(`announcement failed: ${response.status}`);
      const { notified } = (await response.json()) as { notified: number };
      const deadline = Date.now() + 120_000;
      while (opened.some((s) => s.announcedAt === undefined) && Date.now() < deadline) await sleep(10);
      const delays = opened
        .filter((s) => s.announcedAt !== undefined)
        .map((s) => (s.announcedAt as number) - announced)
        .sort((a, b) => a - b);
      announcements.push({ postMs, notified, delays });
      await sleep(1000);
    }

    const rows: Array<[string, string]> = [
      ['database', databaseUrl ? 'PostgreSQL' : 'embedded (PGlite)'],
      ['ulimit -n', String(limit)],
      ['streams open / asked', `${opened.length} / ${streams} (${users} users)`],
      ['opening time', `${openSeconds.toFixed(1)} s (${Math.round(opened.length / openSeconds)} streams/s)`],
      [
        'connect → first event p50 / p99',
        `${ms(percentile(result.connectMs, 50))} / ${ms(percentile(result.connectMs, 99))}`,
      ],
      ['server RSS before', `${(rssBefore / MB).toFixed(1)} MB`],
      ['server RSS with streams', `${(rssAfter / MB).toFixed(1)} MB`],
      ['RSS per stream', `${((rssAfter - rssBefore) / Math.max(1, opened.length) / 1024).toFixed(1)} KB`],
      ...announcements.flatMap(
        ({ postMs, notified, delays }, i): Array<[string, string]> => [
          [`announcement ${i + 1}: POST answered`, `${ms(postMs)} (${notified} users notified)`],
          [`announcement ${i + 1}: streams reached`, `${delays.length} / ${opened.length}`],
          [
            `announcement ${i + 1}: delay p50 / p99 / max`,
            `${ms(percentile(delays, 50))} / ${ms(percentile(delays, 99))} / ${ms(delays.at(-1) ?? Number.NaN)}`,
          ],
        ],
      ),
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    console.log(`\n${rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')}\n`);
  } finally {
    for (const stream of opened) stream.request.destroy();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`stream bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
