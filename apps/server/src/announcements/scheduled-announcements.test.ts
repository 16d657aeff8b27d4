// Scheduled announcements over HTTP: nobody hears of one before its time, it goes out exactly once
// when the clock reaches it (also with a second process on the same database), edits and cancels
// apply only while it waits, and after downtime longer than the grace period it is missed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../test/helpers/app.ts';

const BASE = '/api/communications/announcements/';
const MINUTE = 60_000;

let ctx: TestContext;
let admin: TestUser;
let student: TestUser;
let host: TestUser;
let titleCounter = 0;

beforeAll(async () => {
  // The tests move the clock by hours: tokens must outlive that.
  ctx = await createTestContext({ accessTokenTtlSeconds: 7 * 86400 });
  admin = await ctx.buildUser({ role: 'admin' });
  student = await ctx.buildUser({ role: 'student' });
  host = await ctx.buildUser({ role: 'host' });
  await ctx.buildUser({ role: 'student' });
});
afterAll(() => ctx.close());

function inMinutes(minutes: number): string {
  return new Date(ctx.clock.now().getTime() + minutes * MINUTE).toISOString();
}

function uniqueTitle(): string {
  titleCounter += 1;
  return `Scheduled news ${titleCounter}`;
}

async function schedule(minutes: number, title = uniqueTitle()) {
  const response = await ctx.as(admin, {
    method: 'POST',
    url: BASE,
    payload: { title, content: 'Coming soon.', send_at: inMinutes(minutes) },
  });
  expect(response.statusCode, response.body).toBe(201);
  // The new send_at woke the scheduler, which re-arms its timer once its run ends.
  await ctx.app.announcementScheduler?.idle();
  return response.json() as { announcement: { id: number; title: string; state: string }; notified: number };
}

/** Notification rows created for announcements titled `title`. */
async function notificationsTitled(title: string): Promise<number> {
  const row = await ctx.database.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('notification_type', '=', 'announcement')
    .where('title', '=', title)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

async function usersButAuthor(): Promise<number> {
  const row = await ctx.database.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count) - 1;
}

/** Moves the test clock; the scheduler's timer fires, and this waits for its run to end. */
async function advance(ms: number): Promise<void> {
  ctx.clock.advance(ms);
  await ctx.app.announcementScheduler?.idle();
}

/** Runs a scheduler check as its periodic scan would, and waits for it. */
async function check(): Promise<void> {
  ctx.app.announcementScheduler?.wake();
  await ctx.app.announcementScheduler?.idle();
}

async function read(id: number, user = admin) {
  return ctx.as(user, { method: 'GET', url: `${BASE}${id}/` });
}

describe('a scheduled announcement', () => {
  it('notifies nobody when made, and everyone but its author exactly once when its time comes', async () => {
    const made = await schedule(30);
    expect(made.notified).toBe(0);
    expect(made.announcement.state).toBe('scheduled');
    const { id, title } = made.announcement;
    expect(await notificationsTitled(title)).toBe(0);

    await advance(29 * MINUTE);
    expect(await notificationsTitled(title)).toBe(0);
    expect((await read(id)).json().state).toBe('scheduled');

    await advance(MINUTE);
    const sent = (await read(id)).json();
    expect(sent.state).toBe('sent');
    expect(sent.sent_at).toBe(ctx.clock.now().toISOString());
    expect(await notificationsTitled(title)).toBe(await usersButAuthor());

    // Later checks (the periodic scan, another wake) send nothing again.
    await check();
    await advance(MINUTE);
    expect(await notificationsTitled(title)).toBe(await usersButAuthor());
  });

  it('is invisible to students and hosts until it is sent, in the list and by id', async () => {
    const { announcement } = await schedule(10);
    for (const user of [student, host]) {
      const list = await ctx.as(user, { method: 'GET', url: `${BASE}?page_size=100` });
      expect(list.statusCode).toBe(200);
      expect(list.json().results.map((a: { id: number }) => a.id)).not.toContain(announcement.id);
      expect((await read(announcement.id, user)).statusCode).toBe(404);
      const mine = await ctx.as(user, {
        method: 'GET',
        url: '/api/communications/notifications/?page_size=100',
      });
      expect(mine.json().results.map((n: { title: string }) => n.title)).not.toContain(announcement.title);
    }
    const adminList = await ctx.as(admin, { method: 'GET', url: `${BASE}?page_size=100` });
    expect(adminList.json().results).toContainEqual(
      expect.objectContaining({ id: announcement.id, state: 'scheduled', send_at: inMinutes(10) }),
    );

    await advance(10 * MINUTE);
    expect((await read(announcement.id, student)).json().state).toBe('sent');
    const mine = await ctx.as(student, {
      method: 'GET',
      url: '/api/communications/notifications/?page_size=100',
    });
    expect(mine.json().results.map((n: { title: string }) => n.title)).toContain(announcement.title);
  });

  it('takes edits of its title, content and time while it waits, and goes out as edited', async () => {
    const { announcement } = await schedule(10);
    const newTitle = uniqueTitle();
    const edited = await ctx.as(admin, {
      method: 'PATCH',
      url: `${BASE}${announcement.id}/`,
      payload: { title: newTitle, content: 'Edited.', send_at: inMinutes(20) },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    await ctx.app.announcementScheduler?.idle();
    expect(edited.json()).toMatchObject({ title: newTitle, state: 'scheduled', send_at: inMinutes(20) });

    await advance(10 * MINUTE);
    expect((await read(announcement.id)).json().state).toBe('scheduled');
    await advance(10 * MINUTE);
    expect((await read(announcement.id)).json().state).toBe('sent');
    expect(await notificationsTitled(newTitle)).toBe(await usersButAuthor());
    expect(await notificationsTitled(announcement.title)).toBe(0);
  });

  it('is never sent once cancelled, and cannot be edited, cancelled or sent after that', async () => {
    const { announcement } = await schedule(5);
    const cancelled = await ctx.as(admin, { method: 'POST', url: `${BASE}${announcement.id}/cancel/` });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().state).toBe('cancelled');
    await advance(10 * MINUTE);
    expect(await notificationsTitled(announcement.title)).toBe(0);
    expect((await read(announcement.id)).json().state).toBe('cancelled');

    for (const [method, url, payload] of [
      ['PATCH', `${BASE}${announcement.id}/`, { title: 'Too late' }],
      ['POST', `${BASE}${announcement.id}/cancel/`, undefined],
      ['POST', `${BASE}${announcement.id}/send/`, undefined],
    ] as const) {
      const response = await ctx.as(admin, { method, url, ...(payload ? { payload } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(409);
      expect(response.json().error.message).toBe('This announcement was cancelled.');
    }
  });

  it('refuses an edit once sent (scheduled or sent at once) with 409', async () => {
    const { announcement } = await schedule(1);
    await advance(MINUTE);
    const now = await ctx.as(admin, {
      method: 'POST',
      url: BASE,
      payload: { title: uniqueTitle(), content: 'Now.' },
    });
    expect(now.statusCode).toBe(201);
    expect(now.json().announcement).toMatchObject({ state: 'sent', send_at: null });
    for (const id of [announcement.id, now.json().announcement.id]) {
      const response = await ctx.as(admin, {
        method: 'PATCH',
        url: `${BASE}${id}/`,
        payload: { content: 'Changed.' },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toEqual({
        code: 'conflict',
        message: 'This announcement has already been sent.',
      });
      const cancel = await ctx.as(admin, { method: 'POST', url: `${BASE}${id}/cancel/` });
      expect(cancel.statusCode).toBe(409);
    }
  });

  it('deleted while it waits, it notifies no one', async () => {
    const { announcement } = await schedule(5);
    const deleted = await ctx.as(admin, { method: 'DELETE', url: `${BASE}${announcement.id}/` });
    expect(deleted.statusCode).toBe(204);
    await advance(10 * MINUTE);
    expect(await notificationsTitled(announcement.title)).toBe(0);
  });
});

describe('a send_at the server refuses', () => {
  const bad: Array<[string, () => string, string]> = [
    ['in the past', () => inMinutes(-1), 'must be in the future'],
    ['now', () => inMinutes(0), 'must be in the future'],
    ['more than a year ahead', () => inMinutes(366 * 24 * 60), 'must be at most 365 days ahead'],
    ['a leap second', () => '2027-12-31T23:59:60Z', 'is not a valid date and time'],
  ];
  it.each(bad)('%s: 400 on create and on edit, naming send_at', async (_what, value, message) => {
    const created = await ctx.as(admin, {
      method: 'POST',
      url: BASE,
      payload: { title: 'Bad', content: 'Bad.', send_at: value() },
    });
    expect(created.statusCode, created.body).toBe(400);
    expect(created.json().error.fields).toEqual({ send_at: message });
    expect(created.json().error.message).toBe(`send_at ${message}.`);

    const { announcement } = await schedule(60);
    const edited = await ctx.as(admin, {
      method: 'PATCH',
      url: `${BASE}${announcement.id}/`,
      payload: { send_at: value() },
    });
    expect(edited.statusCode, edited.body).toBe(400);
    expect((await read(announcement.id)).json().send_at).toBe(inMinutes(60));
  });

  it.each(['2027-03-01T10:00:00', 'tomorrow', '', '2026-13-01T10:00:00Z', 12])('%j: 400', async (value) => {
    const response = await ctx.as(admin, {
      method: 'POST',
      url: BASE,
      payload: { title: 'Bad', content: 'Bad.', send_at: value },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(Object.keys(response.json().error.fields)).toEqual(['send_at']);
  });
});

describe('who may schedule', () => {
  it('refuses students and hosts with 403 on every write, changing nothing', async () => {
    const { announcement } = await schedule(30);
    for (const user of [student, host]) {
      for (const [method, url, payload] of [
        ['POST', BASE, { title: 'Mine', content: 'Mine.', send_at: inMinutes(5) }],
        ['PATCH', `${BASE}${announcement.id}/`, { send_at: inMinutes(1) }],
        ['POST', `${BASE}${announcement.id}/cancel/`, undefined],
        ['POST', `${BASE}${announcement.id}/send/`, undefined],
        ['DELETE', `${BASE}${announcement.id}/`, undefined],
      ] as const) {
        const response = await ctx.as(user, { method, url, ...(payload ? { payload } : {}) });
        expect(response.statusCode, `${user.role} ${method} ${url}`).toBe(403);
      }
    }
    expect((await read(announcement.id)).json()).toMatchObject({
      state: 'scheduled',
      send_at: inMinutes(30),
    });
  });

  it('refuses a cookie request without the CSRF token', async () => {
    const session = await ctx.signIn(admin.username);
    const response = await session.request(
      { method: 'POST', url: BASE, payload: { title: 'No token', content: 'x', send_at: inMinutes(5) } },
      false,
    );
    expect(response.statusCode).toBe(403);
  });
});

describe('after downtime', () => {
  it('sends one that is late by less than the grace period', async () => {
    const { announcement } = await schedule(5);
    // The clock jumps past send_at in one step, as if no server ran meanwhile.
    await advance(5 * MINUTE + (ctx.config.announcementGraceMinutes - 1) * MINUTE);
    expect((await read(announcement.id)).json().state).toBe('sent');
    expect(await notificationsTitled(announcement.title)).toBe(await usersButAuthor());
  });

  it('marks one late by more than the grace period missed, notifying no one; an admin then sends it now', async () => {
    const { announcement } = await schedule(5);
    await advance(5 * MINUTE + (ctx.config.announcementGraceMinutes + 1) * MINUTE);
    const missed = (await read(announcement.id)).json();
    expect(missed.state).toBe('missed');
    expect(missed.sent_at).toBeNull();
    expect(await notificationsTitled(announcement.title)).toBe(0);
    // Students do not see it either.
    expect((await read(announcement.id, student)).statusCode).toBe(404);

    const sent = await ctx.as(admin, { method: 'POST', url: `${BASE}${announcement.id}/send/` });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().notified).toBe(await usersButAuthor());
    expect(sent.json().announcement.state).toBe('sent');
    expect((await ctx.as(admin, { method: 'POST', url: `${BASE}${announcement.id}/send/` })).statusCode).toBe(
      409,
    );
    await check();
    expect(await notificationsTitled(announcement.title)).toBe(await usersButAuthor());
  });

  it('lets an admin cancel a missed one, or schedule it again', async () => {
    const first = await schedule(5);
    const second = await schedule(5);
    await advance(5 * MINUTE + (ctx.config.announcementGraceMinutes + 1) * MINUTE);
    const cancelled = await ctx.as(admin, { method: 'POST', url: `${BASE}${first.announcement.id}/cancel/` });
    expect(cancelled.json().state).toBe('cancelled');
    const again = await ctx.as(admin, {
      method: 'PATCH',
      url: `${BASE}${second.announcement.id}/`,
      payload: { send_at: inMinutes(2) },
    });
    expect(again.json().state).toBe('scheduled');
    await ctx.app.announcementScheduler?.idle();
    await advance(2 * MINUTE);
    expect((await read(second.announcement.id)).json().state).toBe('sent');
    expect(await notificationsTitled(first.announcement.title)).toBe(0);
    expect(await notificationsTitled(second.announcement.title)).toBe(await usersButAuthor());
  });
});

describe('two processes on one database', () => {
  it('send each due announcement once', async () => {
    const other = await ctx.buildAnotherApp();
    const made = [await schedule(3), await schedule(3), await schedule(4)];
    ctx.clock.advance(5 * MINUTE);
    other.announcementScheduler?.wake();
    ctx.app.announcementScheduler?.wake();
    await Promise.all([other.announcementScheduler?.idle(), ctx.app.announcementScheduler?.idle()]);
    for (const { announcement } of made) {
      expect(await notificationsTitled(announcement.title)).toBe(await usersButAuthor());
    }
  });
});
