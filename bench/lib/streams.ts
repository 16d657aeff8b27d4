// The live stream under many connections: N event streams opened on one server process (raw
// node:http, one socket each), the server's resident memory per open stream, then how long one
// announcement to every user takes to reach every stream. Each stream is a socket in this process
// and in the server, so both need `ulimit -n` above N.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { EVENT_CHANNEL } from '../../apps/server/src/events/postgres-event-bus.ts';
import { rssBytes } from './processes.ts';

export interface StreamOptions {
  baseUrl: string;
  serverPid: number;
  /** Access tokens; stream i belongs to the owner of token i mod length (5 streams per user at most). */
  tokens: readonly string[];
  adminToken: string;
  /** The server's PostgreSQL database: its event channel tells when the announcement committed. */
  databaseUrl?: string;
  streams: number;
  /** Streams being opened at the same time. */
  concurrency: number;
  progress(message: string): void;
}

export interface AnnouncementResult {
  /** From sending the announcement to its answer (the rows are committed by then). */
  postMs: number;
  reached: number;
  /**
   * Arrival delays counted from sending the announcement, and from receiving its answer (0 when
   * the stream was first). The rows commit between the two, so the delay from the commit lies
   * between these figures.
   */
  fromSendP50Ms: number;
  fromSendP99Ms: number;
  fromSendMaxMs: number;
  afterAnswerP50Ms: number;
  afterAnswerP99Ms: number;
  /**
   * Arrival delays counted from the moment the server's NOTIFY of the new rows reached a listener
   * (commit-listener.mjs): the server sends it as soon as the commit returns, so this is the delay
   * from the commit, give or take a millisecond. NaN without a database URL (embedded database).
   */
  fromCommitP50Ms: number;
  fromCommitP99Ms: number;
}

export interface StreamResult {
  streams: number;
  opened: number;
  openSeconds: number;
  idleRssMb: number;
  withStreamsRssMb: number;
  perStreamKb: number;
  /** Two rounds: the first announcement of a fresh process also compiles its code path. */
  announcements: AnnouncementResult[];
}

const BASE = '/api/communications/notifications';
const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function openFileLimit(): number {
  return Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim());
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)] ?? Number.NaN;
}

interface Stream {
  request: http.ClientRequest;
  /** When the current announcement arrived (performance.now()). */
  announcedAt?: number;
  tail: string;
}

/** Opens one stream on its own socket; resolves once the server sent the opening unread count. */
function openOne(url: string, token: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      agent: false,
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    });
    const stream: Stream = { request, tail: '' };
    let connected = false;
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
        if (!connected && text.includes('event: unread_count\n')) {
          connected = true;
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

async function openMany(options: StreamOptions, url: string, count: number) {
  const opened: Stream[] = [];
  let next = 0;
  let failed = 0;
  let lastError = '';
  const worker = async () => {
    while (next < count) {
      const index = next++;
      try {
        opened.push(await openOne(url, options.tokens[index % options.tokens.length]!));
      } catch (error) {
        failed += 1;
        lastError = (error as Error).message;
      }
      if (index > 0 && index % 2000 === 0) options.progress(`${index} streams open`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, count) }, worker));
  if (failed > 0) options.progress(`${failed} streams failed to open (last: ${lastError})`);
  return opened;
}

/** Notes when the server announces the next batch of new rows (see commit-listener.mjs). */
async function watchCommits(databaseUrl: string) {
  const worker = new Worker(new URL('./commit-listener.mjs', import.meta.url), {
    workerData: { databaseUrl, channel: EVENT_CHANNEL },
  });
  let committedAt: number | undefined;
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: unknown) => {
      if (message === 'listening') resolve();
      // The worker's clock is since the epoch; this thread's performance.now() is since its origin.
      else if (typeof message === 'number' && committedAt === undefined)
        committedAt = message - performance.timeOrigin;
    });
  });
  return {
    reset: () => {
      committedAt = undefined;
    },
    committedAt: () => committedAt,
    close: () => worker.terminate(),
  };
}

async function announce(
  options: StreamOptions,
  opened: Stream[],
  round: number,
  commits: Awaited<ReturnType<typeof watchCommits>> | undefined,
) {
  for (const stream of opened) stream.announcedAt = undefined;
  commits?.reset();
  const sent = performance.now();
  const response = await fetch(`${options.baseUrl}/api/communications/announcements/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: `Stream bench ${round}`,
      content: 'How fast does this reach every stream?',
    }),
  });
  const answered = performance.now();
  if (response.status !== 201) throw new Error(`announcement failed: ${response.status}`);
  await response.arrayBuffer();
  const deadline = Date.now() + 60_000;
  while (opened.some((s) => s.announcedAt === undefined) && Date.now() < deadline) await sleep(10);
  const arrivals = opened
    .filter((s) => s.announcedAt !== undefined)
    .map((s) => s.announcedAt as number)
    .sort((a, b) => a - b);
  const fromSend = arrivals.map((t) => t - sent);
  const afterAnswer = arrivals.map((t) => Math.max(0, t - answered));
  const committedAt = commits?.committedAt();
  const fromCommit = committedAt === undefined ? [] : arrivals.map((t) => Math.max(0, t - committedAt));
  return {
    postMs: answered - sent,
    reached: arrivals.length,
    fromSendP50Ms: percentile(fromSend, 50),
    fromSendP99Ms: percentile(fromSend, 99),
    fromSendMaxMs: fromSend.at(-1) ?? Number.NaN,
    afterAnswerP50Ms: percentile(afterAnswer, 50),
    afterAnswerP99Ms: percentile(afterAnswer, 99),
    fromCommitP50Ms: percentile(fromCommit, 50),
    fromCommitP99Ms: percentile(fromCommit, 99),
  };
}

export async function measureStreams(options: StreamOptions): Promise<StreamResult> {
  const limit = openFileLimit();
  if (limit < options.streams + 200) {
    throw new Error(
      `ulimit -n is ${limit}: ${options.streams} streams need at least ${options.streams + 200} open ` +
        `files here and in the server. Raise it first, e.g. \`ulimit -n ${options.streams + 1200}\`.`,
    );
  }
  const url = `${options.baseUrl}${BASE}/stream/`;
  const opened: Stream[] = [];
  const commits = options.databaseUrl ? await watchCommits(options.databaseUrl) : undefined;
  try {
    // Warm up (code paths compiled, pools filled) before the baseline.
    for (const stream of await openMany({ ...options, concurrency: 10 }, url, 50)) stream.request.destroy();
    await sleep(1500);
    const idle = rssBytes(options.serverPid);
    options.progress(`opening ${options.streams} streams, ${options.concurrency} at a time`);
    const started = performance.now();
    opened.push(...(await openMany(options, url, options.streams)));
    const openSeconds = (performance.now() - started) / 1000;
    await sleep(2000);
    const withStreams = rssBytes(options.serverPid);
    const announcements: AnnouncementResult[] = [];
    for (const round of [1, 2]) {
      options.progress(`announcement ${round} to every user, ${opened.length} streams listening`);
      announcements.push(await announce(options, opened, round, commits));
      await sleep(1000);
    }
    return {
      streams: options.streams,
      opened: opened.length,
      openSeconds,
      idleRssMb: idle / MB,
      withStreamsRssMb: withStreams / MB,
      perStreamKb: (withStreams - idle) / Math.max(1, opened.length) / 1024,
      announcements,
    };
  } finally {
    for (const stream of opened) stream.request.destroy();
    await commits?.close();
  }
}
