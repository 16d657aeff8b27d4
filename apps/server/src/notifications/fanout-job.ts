// Large fan-outs on the embedded database run as a job in chunks. PGlite has one connection and
// every query blocks the event loop, so one INSERT for 100,000 users would stall every other
// request for seconds. Instead the action's transaction records what to send (the event's
// `pending_fanout`), and this runner inserts it a chunk of users at a time, each chunk in its own
// transaction that also moves the event's cursor: a crash loses nothing and duplicates nothing,
// and the next start resumes where it stopped. Between chunks other requests get the database.
//
// A chunk's size adapts so that each takes about CHUNK_BUDGET_MS: the same number of rows costs
// several times more on a cold process (WebAssembly not yet optimised, pages not yet cached) or a
// slow machine than on a warm one, and it is the time, not the rows, that other requests wait.
//
// When requests came in while a chunk ran, the runner then pauses as long as the chunk took. One
// turn of the event loop is not enough for them: a request reads its body, queries and answers in
// several turns, and a chunk started in between would hold each of those steps up again. With no
// traffic, the next chunk follows at once.

import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { PendingFanout } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { createWakeableLoop, type WakeableLoop } from '../wakeable-loop.ts';
import { publishCreatedAfterCommit } from './notification-events.ts';
import * as repo from './notifications.repository.ts';

/** How long one chunk should hold the database. */
const CHUNK_BUDGET_MS = 25;
/** The first chunk's size, before anything is measured. */
const FIRST_CHUNK = 250;
const SMALLEST_CHUNK = 50;

/** The job's loop: `wake()` after queuing a fan-out, and at start; it runs until none is left. */
export interface FanoutRunner extends WakeableLoop {
  /** Most users per chunk; batches larger than this are queued instead of inserted inline. */
  readonly chunkSize: number;
}

/**
 * Lets the requests waiting for the database have it. A query on the embedded database runs
 * synchronously and a transaction continues in microtasks, so without this a chunk would follow
 * the previous one (or the action's commit) before any request is even read from its socket.
 */
function yieldToRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createFanoutRunner(deps: {
  db: Db;
  bus: EventBus;
  log: FastifyBaseLogger;
  /** The clock the job's createdAt came from. */
  clock: Clock;
  metrics?: Pick<Metrics, 'notificationsCreated' | 'fanoutDuration'> | undefined;
  chunkSize: number;
  /** How many requests the server has received so far (only ever grows). */
  requestsReceived: () => number;
}): FanoutRunner {
  let nextChunk = Math.min(FIRST_CHUNK, deps.chunkSize);

  /** Sizes the next chunk from how long the last one took. */
  function adapt(rows: number, elapsedMs: number): void {
    if (rows < nextChunk) return; // the last chunk of a job says little about the speed
    const scaled = Math.round((rows * CHUNK_BUDGET_MS) / Math.max(elapsedMs, 1));
    // Grow at most fourfold at a time, so one misleadingly fast chunk cannot overshoot far.
    nextChunk = Math.max(SMALLEST_CHUNK, Math.min(deps.chunkSize, scaled, nextChunk * 4));
  }

  /** Runs one chunk of the oldest pending fan-out; false when there was nothing to do. */
  async function runChunk(started: number): Promise<boolean> {
    const limit = nextChunk;
    let inserted = 0;
    const didWork = await inTransaction(deps.db, async (tx) => {
      const event = await repo.claimFanout(tx.db);
      if (!event?.pending_fanout) return false;
      const job: PendingFanout = event.pending_fanout;
      const result = await repo.insertForRecipients(tx.db, {
        eventId: event.id,
        type: job.type,
        title: job.title,
        content: job.content,
        webinarId: job.webinarId,
        recipients: job.recipients,
        excludeUserIds: job.excludeUserIds,
        createdAt: new Date(job.createdAt),
        afterUserId: event.fanout_cursor ?? 0,
        limit,
      });
      inserted = result.count;
      const done = result.count < limit;
      const { metrics } = deps;
      tx.afterCommit(() => {
        metrics?.notificationsCreated.inc({ type: job.type }, result.count);
        // The whole fan-out, from the request that queued it to its last chunk.
        if (done)
          metrics?.fanoutDuration.observe(
            { type: job.type },
            (deps.clock.now().getTime() - Date.parse(job.createdAt)) / 1000,
          );
      });
      await repo.advanceFanout(
        tx.db,
        event.id,
        result.lastUserId ?? event.fanout_cursor ?? 0,
        event.created_count + result.count,
        done,
      );
      await publishCreatedAfterCommit(tx, deps.bus, {
        eventId: event.id,
        type: job.type,
        inserted: result,
        userIds: null,
      });
      return true;
    });
    if (didWork) adapt(inserted, performance.now() - started);
    return didWork;
  }

  async function runPending(isStopped: () => boolean): Promise<void> {
    // wake() runs right after the commit that queued the job: the requests that waited for that
    // transaction (and the action's own answer) go before the first chunk.
    await yieldToRequests();
    while (!isStopped()) {
      const requestsBefore = deps.requestsReceived();
      const started = performance.now();
      if (!(await runChunk(started))) break;
      const elapsedMs = performance.now() - started;
      // The requests that arrived during the chunk are read in this yield.
      await yieldToRequests();
      if (deps.requestsReceived() !== requestsBefore) await pause(elapsedMs);
    }
  }

  const loop = createWakeableLoop(runPending, (error) =>
    deps.log.error({ err: error }, 'fan-out job failed; it resumes at the next start'),
  );
  return { chunkSize: deps.chunkSize, ...loop };
}
