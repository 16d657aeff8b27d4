// Retention removes what is older than RETENTION_DAYS on the test's clock: notifications, the read
// marks left covering none, and deliveries of that age; it keeps the rest as it was, runs once
// across processes (a lease), and removes nothing with RETENTION_DAYS=0.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  createTestContext,
  NO_BACKGROUND_JOBS,
  simple,
  type TestContext,
  type TestUser,
} from '../../test/helpers/app.ts';
import { storedRows } from '../../test/helpers/stored-read-state.ts';
import { runRetention } from './retention.ts';

const BASE = '/api/communications/notifications/';
const DAY = 86_400_000;

let ctx: TestContext;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  // The app's own retention run would take the job's lease from the runs under test.
  ctx = await createTestContext(NO_BACKGROUND_JOBS);
  alice = await ctx.buildUser();
  bob = await ctx.buildUser();
});
afterAll(() => ctx.close());
// Each test runs the job anew: the last run's finish would hold the next one back for an hour.
beforeEach(async () => {
  await sql`delete from job_leases`.execute(ctx.database.db);
});

function retention(days = 365) {
  return runRetention({ db: ctx.database.db, clock: ctx.clock, retentionDays: days });
}

/** Makes the user's notifications titled `prefix...` as old as `days`. */
async function age(userId: number, prefix: string, days: number) {
  const at = new Date(ctx.clock.now().getTime() - days * DAY);
  await sql`update notifications set created_at = ${at}
    where user_id = ${userId} and title like ${`${prefix}%`}`.execute(ctx.database.db);
}

it('removes notifications past the retention and the marks covering only them; keeps the rest as it was', async () => {
  for (const title of ['Old 1', 'Old 2', 'Recent 1'])
    await ctx.notify(simple('announcement', [alice.id], title));
  // A mark that covers only old rows, and (after a new one) one that also covers a recent row.
  expect((await ctx.as(alice, { method: 'POST', url: `${BASE}mark-all-read/` })).statusCode).toBe(200);
  await ctx.notify(simple('announcement', [alice.id], 'Recent 2'));
  await ctx.notify(simple('announcement', [bob.id], 'Old for Bob'));
  await age(alice.id, 'Old', 400);
  await age(bob.id, 'Old', 366);
  const { db } = ctx.database;
  const recentBefore = (await storedRows(db, alice.id)).filter((row) => row.title.startsWith('Recent'));
  const countBefore = (await ctx.as(alice, { url: `${BASE}unread-count/` })).json();

  const result = await retention();
  expect(result).toMatchObject({ ran: true, notifications: 3 });

  expect(await storedRows(db, alice.id)).toEqual(recentBefore);
  expect(await storedRows(db, bob.id)).toEqual([]);
  expect((await ctx.as(alice, { url: `${BASE}unread-count/` })).json()).toEqual(countBefore);
  const listed = (await ctx.as(alice, { url: BASE })).json().results.map((n: { title: string }) => n.title);
  expect(listed).toEqual(['Recent 2', 'Recent 1']);
  // Her mark still reads "Recent 1" as read; it covers a row that is kept, so it stays.
  expect(recentBefore.find((row) => row.title === 'Recent 1')?.is_read).toBe(true);
});

it('removes a read mark once every notification it covered is gone', async () => {
  const carol = await ctx.buildUser();
  await ctx.notify(simple('announcement', [carol.id], 'Old only'));
  expect((await ctx.as(carol, { method: 'POST', url: `${BASE}mark-all-read/` })).statusCode).toBe(200);
  await age(carol.id, 'Old', 500);
  const marks = () =>
    ctx.database.db
      .selectFrom('notification_read_marks')
      .select('read_through')
      .where('user_id', '=', carol.id)
      .execute();
  expect(await marks()).toHaveLength(1);
  expect(await retention()).toMatchObject({ ran: true, readMarks: 1 });
  expect(await marks()).toEqual([]);
});

it('removes finished deliveries past the retention, never open ones', async () => {
  const { db } = ctx.database;
  const old = new Date(ctx.clock.now().getTime() - 400 * DAY);
  const last = await db
    .selectFrom('deliveries')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const rows = (['sent', 'failed', 'skipped', 'retrying'] as const).map((status) => ({
    channel: 'email' as const,
    user_id: alice.id,
    status,
    due_at: old,
    created_at: old,
  }));
  await db
    .insertInto('deliveries')
    .values([...rows, { ...rows[0]!, created_at: ctx.clock.now() }])
    .execute();
  expect(await retention()).toMatchObject({ ran: true, deliveries: 3 });
  const left = await db
    .selectFrom('deliveries')
    .select('status')
    .where('id', '>', Number(last?.id ?? 0))
    .orderBy('id')
    .execute();
  expect(left.map((row) => row.status)).toEqual(['retrying', 'sent']);
});

it('walks a large backlog in several batches and removes all of it', async () => {
  const dave = await ctx.buildUser();
  const { db } = ctx.database;
  const old = new Date(ctx.clock.now().getTime() - 700 * DAY);
  await sql`insert into notifications (user_id, notification_type, title, content, created_at)
    select ${dave.id}, 'system', 'Backlog ' || i, 'Old.', ${old} from generate_series(1, 3000) as i`.execute(
    db,
  );
  const result = await retention();
  expect(result.notifications).toBe(3000);
  expect(result.batches).toBeGreaterThan(2);
  expect(await storedRows(db, dave.id)).toEqual([]);
});

it('runs once across processes: a second run meanwhile or within the hour does nothing', async () => {
  const [first, second] = await Promise.all([retention(), retention()]);
  expect([first.ran, second.ran].sort()).toEqual([false, true]);
  expect((await retention()).ran).toBe(false);
  ctx.clock.advance(3_600_000);
  expect((await retention()).ran).toBe(true);
});

it('takes over from a process that died holding the job, once its lease lapsed', async () => {
  await sql`insert into job_leases (name, leased_until) values
    ('retention', ${new Date(ctx.clock.now().getTime() + 60_000)})`.execute(ctx.database.db);
  expect((await retention()).ran).toBe(false);
  ctx.clock.advance(61_000);
  expect((await retention()).ran).toBe(true);
});

it('keeps everything with RETENTION_DAYS=0', async () => {
  await ctx.notify(simple('announcement', [alice.id], 'Ancient'));
  await age(alice.id, 'Ancient', 5000);
  expect(await retention(0)).toMatchObject({ ran: false, notifications: 0 });
  expect((await storedRows(ctx.database.db, alice.id)).map((row) => row.title)).toContain('Ancient');
});
