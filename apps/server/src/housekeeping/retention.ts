// Retention: notifications older than RETENTION_DAYS are removed, with the read marks that then
// cover nothing and the deliveries of that age, once across all processes (job-lease.ts).
//
// Requests wait behind a statement on the embedded database (one connection), so each batch is
// sized to take about BATCH_TARGET_MS, well under the 50 ms a request may be held up: the next
// size follows the last batch's time per row, growing at most by half at a time, and the job
// pauses between batches so waiting requests go first.
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { registerPeriodicTask } from '../periodic-task.ts';
import { finishJob, type JobLease, renewJobLease, takeJobLease } from './job-lease.ts';
import { type BatchResult, deleteOldDeliveries, deleteOldNotifications } from './retention.repository.ts';

const DAY_MS = 86_400_000;
const BATCH_TARGET_MS = 10;
const FIRST_BATCH = 200;
const SMALLEST_BATCH = 20;
const LARGEST_BATCH = 1_000;
const MOST_GROWTH = 1.5;
const PAUSE_MS = 10;

export const RETENTION_JOB: JobLease = { name: 'retention', leaseMs: 10 * 60_000, intervalMs: 3_600_000 };

export interface RetentionResult {
  /** False when another process holds the job, or ran it within the interval. */
  ran: boolean;
  notifications: number;
  readMarks: number;
  deliveries: number;
  batches: number;
  /** The longest single statement, in milliseconds: the longest a request could wait behind it. */
  longestBatchMs: number;
}

export interface RetentionDeps {
  db: Db;
  clock: Clock;
  retentionDays: number;
}

type Batch = (db: Db, afterId: number, limit: number, cutoff: Date) => Promise<BatchResult>;

/** Runs the job if this process takes its lease; removes nothing when `retentionDays` is 0. */
export async function runRetention(deps: RetentionDeps): Promise<RetentionResult> {
  const { db, clock, retentionDays } = deps;
  const result: RetentionResult = {
    ran: false,
    notifications: 0,
    readMarks: 0,
    deliveries: 0,
    batches: 0,
    longestBatchMs: 0,
  };
  if (retentionDays === 0 || !(await takeJobLease(db, RETENTION_JOB, clock.now()))) return result;
  result.ran = true;
  const cutoff = new Date(clock.now().getTime() - retentionDays * DAY_MS);

  async function walk(batch: Batch, add: (done: BatchResult) => void): Promise<void> {
    let afterId = 0;
    let size = FIRST_BATCH;
    for (;;) {
      const started = performance.now();
      const done = await batch(db, afterId, size, cutoff);
      const took = performance.now() - started;
      result.batches += 1;
      result.longestBatchMs = Math.max(result.longestBatchMs, took);
      add(done);
      if (done.scanned < size || done.old === 0) return;
      afterId = done.lastId;
      const fitting = Math.floor((size * BATCH_TARGET_MS) / Math.max(took, 0.1));
      size = Math.min(
        Math.max(Math.min(fitting, Math.floor(size * MOST_GROWTH)), SMALLEST_BATCH),
        LARGEST_BATCH,
      );
      await renewJobLease(db, RETENTION_JOB, clock.now());
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
  }

  try {
    await walk(deleteOldNotifications, (done) => {
      result.notifications += done.deleted;
      result.readMarks += done.readMarks;
    });
    await walk(deleteOldDeliveries, (done) => {
      result.deliveries += done.deleted;
    });
  } finally {
    await finishJob(db, RETENTION_JOB, clock.now());
  }
  return result;
}

export function registerRetention(app: FastifyInstance, deps: RetentionDeps): void {
  if (deps.retentionDays === 0) return;
  registerPeriodicTask(app, {
    name: 'retention',
    // Each process looks every ten minutes; the lease lets one of them run it each hour.
    intervalMs: 10 * 60_000,
    run: async () => {
      const result = await runRetention(deps);
      if (result.ran && result.notifications + result.deliveries > 0)
        app.log.info(result, `removed what is older than ${deps.retentionDays} days`);
    },
  });
}
