// The chunked fan-out of the embedded database: large batches are created by a job, a chunk of
// users per transaction, and a job interrupted part-way resumes without duplicates or gaps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../test/helpers/app.ts';
import { usePostgres } from '../../test/helpers/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { createFanoutRunner } from './fanout-job.ts';
import { createNotificationService } from './notifications.service.ts';

const CHUNK = 4;
const silentLog = { error() {}, warn() {}, info() {} } as unknown as Parameters<
  typeof createFanoutRunner
>[0]['log'];

describe.skipIf(usePostgres)('fan-out in chunks on the embedded database', () => {
  let ctx: TestContext;
  let admin: TestUser;
  const students: TestUser[] = [];

  beforeAll(async () => {
    ctx = await createTestContext({ fanoutChunkSize: CHUNK });
    admin = await ctx.buildUser({ role: 'admin' });
    for (let i = 0; i < 11; i++) students.push(await ctx.buildUser());
  });
  afterAll(() => ctx.close());

  async function rowsOf(type: string, title: string) {
    return ctx.database.db
      .selectFrom('notifications')
      .select(['user_id'])
      .where('notification_type', '=', type as 'announcement')
      .where('title', '=', title)
      .execute();
  }

  async function eventuallyCount(type: string, title: string, expected: number) {
    const deadline = Date.now() + 10_000;
    let rows = await rowsOf(type, title);
    while (rows.length < expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      rows = await rowsOf(type, title);
    }
    return rows;
  }

  /** Queues a system message to every student as a job, without running it. */
  function queueSystemMessage(title: string) {
    const queueOnly = createNotificationService({
      bus: ctx.bus,
      clock: ctx.clock,
      fanout: { chunkSize: CHUNK, wake() {} },
    });
    return inTransaction(ctx.database.db, (tx) =>
      queueOnly.createBulk(tx, { type: 'system', title, content: 'x', recipients: { role: 'student' } }),
    );
  }

  function runner(requestsReceived: () => number = () => 0) {
    return createFanoutRunner({
      db: ctx.database.db,
      bus: ctx.bus,
      log: silentLog,
      clock: ctx.clock,
      chunkSize: CHUNK,
      requestsReceived,
    });
  }

  it('an announcement to more users than a chunk reaches every other user exactly once', async () => {
    const response = await ctx.as(admin, {
      method: 'POST',
      url: '/api/communications/announcements/',
      payload: { title: 'Chunked hello', content: 'to everyone' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().notified).toBe(students.length);
    const rows = await eventuallyCount('announcement', 'Chunked hello', students.length);
    expect(rows.map((r) => r.user_id).sort((a, b) => a - b)).toEqual(
      students.map((s) => s.id).sort((a, b) => a - b),
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(await rowsOf('announcement', 'Chunked hello')).toHaveLength(students.length);
  });

  it('a job stopped after one chunk resumes where it stopped, with no duplicates', async () => {
    const queued = await queueSystemMessage('Resumed');
    expect(queued.created).toBe(students.length);
    expect(await rowsOf('system', 'Resumed')).toHaveLength(0);

    // A first runner does one chunk and is stopped as soon as that chunk is announced, as if the
    // server went down then.
    const first = runner();
    let stopped: Promise<void> | undefined;
    const unsubscribe = ctx.bus.subscribe((event) => {
      if (event.name === 'notifications_created') stopped ??= first.stop();
    });
    first.wake();
    await first.idle();
    await stopped;
    unsubscribe();
    expect(await rowsOf('system', 'Resumed')).toHaveLength(CHUNK);

    // The next start finishes the job.
    const second = runner();
    second.wake();
    await second.idle();
    const rows = await rowsOf('system', 'Resumed');
    expect(rows).toHaveLength(students.length);
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(students.length);
    const event = await ctx.database.db
      .selectFrom('notification_events')
      .select(['pending_fanout', 'created_count'])
      .where('notification_type', '=', 'system')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ pending_fanout: null, created_count: students.length });
  });

  it('a job under steady traffic pauses between chunks and still finishes', async () => {
    await queueSystemMessage('Under traffic');
    // Every check sees a new request, so the runner pauses after each chunk.
    let requests = 0;
    const busy = runner(() => ++requests);
    busy.wake();
    await busy.idle();
    const rows = await rowsOf('system', 'Under traffic');
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(students.length);
    expect(rows).toHaveLength(students.length);
  });
});
