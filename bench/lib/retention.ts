// The retention job over a year's backlog: how long its longest statement takes (on the embedded
// database every request waits behind it) and what the requests made meanwhile wait, beside the
// same requests before the job.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../../apps/server/src/db/database.ts';
import { runRetention } from '../../apps/server/src/housekeeping/retention.ts';
import { countUnread, listForUser } from '../../apps/server/src/notifications/notifications.repository.ts';

export interface RetentionResult {
  label: string;
  oldRows: number;
  keptRows: number;
  removed: number;
  batches: number;
  longestBatchMs: number;
  jobSeconds: number;
  /** Requests (a user's unread count and first page) before the job and while it ran. */
  before: LatencySummary;
  during: LatencySummary;
}

export interface LatencySummary {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const USERS = 2000;
const DAY = 86_400_000;

function summary(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1));
  return {
    requests: sorted.length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: Number((sorted.at(-1) ?? 0).toFixed(1)),
  };
}

/** `old` rows a year and a month old and `kept` recent ones, spread over 2,000 users. */
export async function measureRetention(
  label: string,
  where: { databaseUrl: string } | { dataDir: string },
  old: number,
  kept: number,
): Promise<RetentionResult> {
  const handle = await openDatabase(where);
  const { db } = handle;
  try {
    await migrateToLatest(db);
    await sql`insert into users (username, password_hash, role)
      select 'r' || g, 'x', 'student' from generate_series(1, ${USERS}) g`.execute(db);
    const aged = new Date(Date.now() - 400 * DAY);
    for (const [rows, at] of [
      [old, aged],
      [kept, new Date()],
    ] as const) {
      await sql`insert into notifications (user_id, notification_type, title, content, created_at, is_read)
        select (select min(id) from users) + g % ${USERS}, 'system', 'Row ' || g, 'Benchmark.', ${at}, g % 3 = 0
        from generate_series(1, ${rows}) g`.execute(db);
    }
    await sql`analyze`.execute(db);
    const firstUser = Number(
      (await sql<{ id: number }>`select min(id) as id from users`.execute(db)).rows[0]?.id,
    );

    let running = true;
    const samples: number[] = [];
    const requests = async () => {
      while (running) {
        const userId = firstUser + Math.floor(Math.random() * USERS);
        const started = performance.now();
        await countUnread(db, userId);
        await listForUser(db, userId, { limit: 21 });
        samples.push(performance.now() - started);
        // The embedded database answers in microtasks: without a turn of the event loop the timers
        // (the end of the phase, the job's pauses) would never run.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const loop = () => Promise.all([requests(), requests(), requests(), requests()]);

    let pending = loop();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    running = false;
    await pending;
    const before = summary(samples.splice(0));

    running = true;
    pending = loop();
    const started = performance.now();
    const job = await runRetention({
      db,
      clock: { now: () => new Date(), at: () => () => {} },
      retentionDays: 365,
    });
    const jobSeconds = (performance.now() - started) / 1000;
    running = false;
    await pending;
    return {
      label,
      oldRows: old,
      keptRows: kept,
      removed: job.notifications,
      batches: job.batches,
      longestBatchMs: Number(job.longestBatchMs.toFixed(1)),
      jobSeconds: Number(jobSeconds.toFixed(1)),
      before,
      during: summary(samples),
    };
  } finally {
    await handle.close();
  }
}

export function retentionTable(results: RetentionResult[]): string {
  const lines = [
    '| database | old rows removed | kept | batches | longest batch (ms) | job (s) | request p50 / p99 / max before (ms) | during (ms) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.label} | ${r.removed} of ${r.oldRows} | ${r.keptRows} | ${r.batches} | ${r.longestBatchMs} | ${r.jobSeconds} | ${r.before.p50Ms} / ${r.before.p99Ms} / ${r.before.maxMs} | ${r.during.p50Ms} / ${r.during.p99Ms} / ${r.during.maxMs} |`,
    );
  }
  return lines.join('\n');
}
