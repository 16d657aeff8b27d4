// Who gets each of the seven notification types: the real action through HTTP, then who has it
// and who does not (unapproved registrants, the author, users who never joined, users who muted
// it), retries that must not make duplicates, reminders over a moving clock, and actions that
// fail and so notify no one.
import type { Notification, NotificationType } from '@webinar/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/helpers/app.ts';
import type { AppEvent } from '../../events/event-bus.ts';
import { claimReminderDeliveries, findWebinarsStartingSoon } from '../../reminders/reminders.repository.ts';
import { sendDueReminders } from '../../reminders/reminders.service.ts';
import { createNotificationService } from '../notifications.service.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let ctx: TestContext;
let admin: TestUser;
let host: TestUser;

beforeAll(async () => {
  // The reminder tests move the clock on by days; the test users' tokens must still be valid.
  ctx = await createTestContext({ accessTokenTtlSeconds: 90 * 86400 });
  admin = await ctx.buildUser({ role: 'admin' });
  host = await ctx.buildUser({ role: 'host' });
});
afterAll(() => ctx.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function call(user: TestUser, method: Method, url: string, payload?: object) {
  return ctx.as(user, { method, url, ...(payload ? { payload } : {}) });
}

/** The body of a response that must have this status (the body is shown when it has not). */
async function expectStatus(
  response: Promise<{ statusCode: number; body: string; json(): unknown }>,
  status: number,
) {
  const r = await response;
  expect(r.statusCode, r.body).toBe(status);
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
  return (r.body ? r.json() : null) as any;
}

type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N ? R : Tuple<T, N, [T, ...R]>;

async function students<N extends number>(count: N): Promise<Tuple<TestUser, N>> {
  const users: TestUser[] = [];
  for (let i = 0; i < count; i += 1) users.push(await ctx.buildUser({ role: 'student' }));
  return users as Tuple<TestUser, N>;
}

async function createWebinar(title: string, startsInMs = 60 * DAY): Promise<number> {
  const starts_at = new Date(ctx.clock.now().getTime() + startsInMs).toISOString();
  const body = await expectStatus(call(host, 'POST', '/api/webinars/', { title, starts_at }), 201);
  return body.id;
}

async function register(student: TestUser, webinarId: number): Promise<number> {
  return (await expectStatus(call(student, 'POST', `/api/webinars/${webinarId}/register/`), 201)).id;
}

function decide(registrationId: number, action: 'approve' | 'reject', by: TestUser = host) {
  return expectStatus(call(by, 'POST', `/api/registrations/${registrationId}/${action}/`), 200);
}

interface Audience {
  id: number;
  approved: TestUser[];
  pending: TestUser[];
  rejected: TestUser[];
}

/** A webinar of `host` with students registered and decided on through the API. */
async function webinarWith(
  title: string,
  counts: { approved?: number; pending?: number; rejected?: number },
  startsInMs?: number,
): Promise<Audience> {
  const id = await createWebinar(title, startsInMs);
  const audience: Audience = { id, approved: [], pending: [], rejected: [] };
  for (const status of ['approved', 'pending', 'rejected'] as const) {
    for (const student of await students(counts[status] ?? 0)) {
      const registration = await register(student, id);
      if (status === 'approved') await decide(registration, 'approve');
      if (status === 'rejected') await decide(registration, 'reject');
      audience[status].push(student);
    }
  }
  return audience;
}

async function approveInto(webinarId: number, student: TestUser): Promise<void> {
  await decide(await register(student, webinarId), 'approve');
}

/** The user's notifications of a type, as they see them, optionally only those about a webinar. */
async function received(user: TestUser, type: NotificationType, webinarId?: number): Promise<Notification[]> {
  const body = await expectStatus(
    call(user, 'GET', `/api/communications/notifications/?type=${type}&page_size=100`),
    200,
  );
  const results = body.results as Notification[];
  return webinarId === undefined ? results : results.filter((n) => n.related_webinar?.id === webinarId);
}

async function expectNone(users: TestUser[], type: NotificationType, webinarId?: number): Promise<void> {
  for (const user of users) expect(await received(user, type, webinarId), user.username).toEqual([]);
}

async function expectOne(users: TestUser[], type: NotificationType, webinarId?: number): Promise<void> {
  for (const user of users) expect(await received(user, type, webinarId), user.username).toHaveLength(1);
}

/** Rows in the database: of a type about a webinar, or every notification when no type is given. */
async function rowsInDb(type?: NotificationType, webinarId?: number): Promise<number> {
  let query = ctx.database.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n'));
  if (type) query = query.where('notification_type', '=', type);
  if (webinarId !== undefined) query = query.where('webinar_id', '=', webinarId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

async function mute(user: TestUser, types: NotificationType[]): Promise<void> {
  const update = Object.fromEntries(types.map((t) => [t, false]));
  await expectStatus(call(user, 'PUT', '/api/communications/notifications/preferences/', update), 200);
}

const start = (id: number, by: TestUser = host) => call(by, 'POST', `/api/live-sessions/${id}/start/`);
const join = (id: number, by: TestUser) => call(by, 'POST', `/api/live-sessions/${id}/join/`);
const end = (id: number, by: TestUser = host) => call(by, 'POST', `/api/live-sessions/${id}/end/`);
const addRecording = (id: number, payload: object, by: TestUser = host) =>
  call(by, 'POST', `/api/webinars/${id}/recordings/`, payload);
const announce = (payload: object, by: TestUser = admin) =>
  call(by, 'POST', '/api/communications/announcements/', payload);
const sendSystem = (payload: object) =>
  call(admin, 'POST', '/api/admin/notifications/', {
    notification_type: 'system',
    title: 'Maintenance tonight',
    content: 'The platform is down from 22:00 to 23:00.',
    ...payload,
  });

function reminderCheck(): Promise<number> {
  return sendDueReminders({
    db: ctx.database.db,
    clock: ctx.clock,
    notifications: createNotificationService({ bus: ctx.bus, clock: ctx.clock }),
  });
}

/** Moves the test clock to `ms` before (negative: after) the webinar starts. Time only moves on. */
function clockAt(startsAt: Date, msBeforeStart: number): void {
  const target = startsAt.getTime() - msBeforeStart;
  expect(target, 'the clock only moves forward').toBeGreaterThanOrEqual(ctx.clock.now().getTime());
  ctx.clock.set(new Date(target));
}

/** How a reminder sent `msBeforeStart` names a start 12 to 24 hours away: "tomorrow at 09:00 UTC". */
function dayAndTime(startsAt: Date, msBeforeStart: number): string {
  const sentOn = new Date(startsAt.getTime() - msBeforeStart).toISOString().slice(0, 10);
  const day = sentOn === startsAt.toISOString().slice(0, 10) ? 'today' : 'tomorrow';
  return `${day} at ${startsAt.toISOString().slice(11, 16)} UTC`;
}

async function startsAtOf(webinarId: number): Promise<Date> {
  return new Date((await expectStatus(call(host, 'GET', `/api/webinars/${webinarId}/`), 200)).starts_at);
}

describe('registration_approved', () => {
  it('reaches the approved student once, however often the approval is repeated', async () => {
    const webinar = await createWebinar('Approvals');
    const [student, otherStudent] = await students(2);
    const registration = await register(student, webinar);
    await register(otherStudent, webinar);

    const first = await decide(registration, 'approve');
    expect(first.notified).toBe(1);
    expect(first.registration.status).toBe('approved');
    expect((await decide(registration, 'approve')).notified).toBe(0);
    expect((await decide(registration, 'approve', admin)).notified).toBe(0);

    const [notification] = await received(student, 'registration_approved', webinar);
    expect(notification).toMatchObject({
      related_webinar: { id: webinar, title: 'Approvals' },
      is_read: false,
    });
    await expectOne([student], 'registration_approved', webinar);
    await expectNone([otherStudent, host, admin], 'registration_approved', webinar);
    expect(await rowsInDb('registration_approved', webinar)).toBe(1);
  });

  it('is not sent for a rejection, and a rejected then re-approved student gets it only once', async () => {
    const webinar = await createWebinar('Second thoughts');
    const [student] = await students(1);
    const registration = await register(student, webinar);

    expect((await decide(registration, 'reject')).notified).toBe(0);
    await expectNone([student], 'registration_approved', webinar);
    expect((await decide(registration, 'approve')).notified).toBe(1);
    expect((await decide(registration, 'reject')).notified).toBe(0);
    expect((await decide(registration, 'approve')).notified).toBe(0);
    await expectOne([student], 'registration_approved', webinar);
  });

  it('is not sent to a student who muted it, though the approval itself goes through', async () => {
    const webinar = await createWebinar('Muted approval');
    const [student] = await students(1);
    await mute(student, ['registration_approved']);
    const decision = await decide(await register(student, webinar), 'approve');
    expect(decision).toMatchObject({ notified: 0, registration: { status: 'approved' } });
    await expectNone([student], 'registration_approved', webinar);
  });
});

describe('live_started', () => {
  it('reaches every approved registrant, and no pending or rejected registrant, host or bystander', async () => {
    const { id, approved, pending, rejected } = await webinarWith('Going live', {
      approved: 2,
      pending: 1,
      rejected: 1,
    });
    const [bystander] = await students(1);

    const started = await expectStatus(start(id), 200);
    expect(started).toMatchObject({ webinar_status: 'live', notified: 2, session: { webinar_id: id } });
    await expectOne(approved, 'live_started', id);
    await expectNone([...pending, ...rejected, bystander, host, admin], 'live_started', id);
    const [notification] = await received(approved[0]!, 'live_started', id);
    expect(notification!.title).toContain('Going live');
  });

  it('is not sent again when the session is started a second time (409)', async () => {
    const { id, approved } = await webinarWith('Started twice', { approved: 1 });
    await expectStatus(start(id), 200);
    const again = await expectStatus(start(id, admin), 409);
    expect(again.error.code).toBe('conflict');
    expect(await rowsInDb('live_started', id)).toBe(1);
    await expectOne(approved, 'live_started', id);
  });

  it('is not sent to an approved registrant who muted it', async () => {
    const { id, approved } = await webinarWith('Muted start', { approved: 2 });
    const [muted, listening] = approved as [TestUser, TestUser];
    await mute(muted, ['live_started']);
    expect((await expectStatus(start(id), 200)).notified).toBe(1);
    await expectOne([listening], 'live_started', id);
    await expectNone([muted], 'live_started', id);
  });
});

describe('live_ended', () => {
  it('reaches everyone who joined (once, however often they joined), and no one who did not', async () => {
    const { id, approved, pending } = await webinarWith('Ending', { approved: 4, pending: 1 });
    const [joined, joinedTwice, neverJoined, mutedJoiner] = approved as [
      TestUser,
      TestUser,
      TestUser,
      TestUser,
    ];
    await mute(mutedJoiner, ['live_ended']);
    await expectStatus(start(id), 200);
    await expectStatus(join(id, joined), 200);
    const firstJoin = await expectStatus(join(id, joinedTwice), 200);
    ctx.clock.advance(MINUTE);
    const secondJoin = await expectStatus(join(id, joinedTwice), 200);
    expect(secondJoin.joined_at).toBe(firstJoin.joined_at);
    await expectStatus(join(id, mutedJoiner), 200);
    await expectStatus(join(id, host), 200);
    await expectStatus(join(id, pending[0]!), 403);

    const ended = await expectStatus(end(id), 200);
    expect(ended).toMatchObject({ webinar_status: 'ended', notified: 3 });
    await expectOne([joined, joinedTwice, host], 'live_ended', id);
    await expectNone([neverJoined, mutedJoiner, ...pending, admin], 'live_ended', id);
  });

  it('is not sent again by a second end (409); an ended webinar cannot be joined or restarted', async () => {
    const { id, approved } = await webinarWith('Ended twice', { approved: 1 });
    await expectStatus(start(id), 200);
    await expectStatus(join(id, approved[0]!), 200);
    expect((await expectStatus(end(id), 200)).notified).toBe(1);

    await expectStatus(end(id, admin), 409);
    await expectStatus(join(id, approved[0]!), 409);
    await expectStatus(start(id), 409);
    expect(await rowsInDb('live_ended', id)).toBe(1);
    expect(await rowsInDb('live_started', id)).toBe(1);
  });

  it('is sent to no one when nobody joined', async () => {
    const { id, approved } = await webinarWith('Empty room', { approved: 2 });
    await expectStatus(start(id), 200);
    expect((await expectStatus(end(id), 200)).notified).toBe(0);
    await expectNone([...approved, host], 'live_ended', id);
  });
});

describe('announcement', () => {
  /** Users an announcement by `authorId` should reach: everyone else who has not muted it. */
  async function expectedAudience(authorId: number): Promise<number> {
    const row = await ctx.database.db
      .selectFrom('users as u')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('u.id', '<>', authorId)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('notification_preferences as p')
              .select(sql`1`.as('one'))
              .whereRef('p.user_id', '=', 'u.id')
              .where('p.notification_type', '=', 'announcement')
              .where('p.muted', '=', true),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('reaches every user but its author: students, hosts and the other admins', async () => {
    const [student] = await students(1);
    const otherAdmin = await ctx.buildUser({ role: 'admin' });
    const expected = await expectedAudience(admin.id);

    const created = await expectStatus(announce({ title: 'Welcome, everyone', content: 'Hello!' }), 201);
    expect(created.notified).toBe(expected);
    expect(created.announcement).toMatchObject({ title: 'Welcome, everyone', author: { id: admin.id } });
    const titles = async (user: TestUser) =>
      (await received(user, 'announcement')).filter((n) => n.title === 'Welcome, everyone');
    for (const user of [student, host, otherAdmin]) expect(await titles(user), user.username).toHaveLength(1);
    expect(await titles(admin)).toEqual([]);
    const rows = await ctx.database.db
      .selectFrom('notifications')
      .select('user_id')
      .where('notification_type', '=', 'announcement')
      .where('title', '=', 'Welcome, everyone')
      .execute();
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(expected);
  });

  it('is not sent to a user who muted announcements', async () => {
    const [muted, listening] = await students(2);
    await mute(muted, ['announcement']);
    await expectStatus(announce({ title: 'Muted news', content: 'Quiet.' }), 201);
    expect((await received(muted, 'announcement')).filter((n) => n.title === 'Muted news')).toEqual([]);
    expect((await received(listening, 'announcement')).filter((n) => n.title === 'Muted news')).toHaveLength(
      1,
    );
  });

  it('a sent announcement cannot be edited (409), and deleting it notifies no one', async () => {
    const [student] = await students(1);
    const created = await expectStatus(announce({ title: 'Draft', content: 'First words.' }), 201);
    const url = `/api/communications/announcements/${created.announcement.id}/`;
    const before = await rowsInDb();

    await expectStatus(call(admin, 'PATCH', url, { title: 'Final', content: 'Better words.' }), 409);
    await expectStatus(call(admin, 'DELETE', url), 204);

    expect(await rowsInDb()).toBe(before);
    const titles = (await received(student, 'announcement')).map((n) => n.title);
    expect(titles.filter((t) => t === 'Draft' || t === 'Final')).toEqual(['Draft']);
  });
});

describe('a create request retried with an Idempotency-Key', () => {
  const withKey = (key: string, user: TestUser, url: string, payload: object) =>
    ctx.as(user, { method: 'POST', url, payload, headers: { 'idempotency-key': key } });
  const ANNOUNCEMENTS = '/api/communications/announcements/';
  const SEND = '/api/admin/notifications/';
  const titled = async (title: string) =>
    Number(
      (
        await ctx.database.db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('title', '=', title)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('makes one announcement: the repeat answers 200 with the first answer and notifies no one', async () => {
    const [student] = await students(1);
    const payload = { title: 'Said once', content: 'However often it is sent.' };
    const first = await withKey('retry-1', admin, ANNOUNCEMENTS, payload);
    expect(first.statusCode, first.body).toBe(201);
    const rows = await titled('Said once');
    expect(first.json().notified).toBe(rows);

    const repeat = await withKey('retry-1', admin, ANNOUNCEMENTS, payload);
    expect(repeat.statusCode, repeat.body).toBe(200);
    expect(first.json().replayed).toBe(false);
    expect(repeat.json()).toEqual({ ...first.json(), replayed: true });
    expect(await titled('Said once')).toBe(rows);
    expect((await received(student, 'announcement')).filter((n) => n.title === 'Said once')).toHaveLength(1);

    // Keys belong to their author; and without a key, a repeat is a new announcement.
    const otherAdmin = await ctx.buildUser({ role: 'admin' });
    const theirs = await withKey('retry-1', otherAdmin, ANNOUNCEMENTS, payload);
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect(theirs.json().announcement.id).not.toBe(first.json().announcement.id);
    await expectStatus(announce({ title: 'Said twice', content: 'No key.' }), 201);
    await expectStatus(announce({ title: 'Said twice', content: 'No key.' }), 201);
    expect((await received(student, 'announcement')).filter((n) => n.title === 'Said twice')).toHaveLength(2);
  });

  it('makes one announcement when the same request arrives several times at once', async () => {
    const payload = { title: 'Raced announcement', content: 'Three clicks, one announcement.' };
    const answers = await Promise.all(
      [1, 2, 3].map(() => withKey('raced-key', admin, ANNOUNCEMENTS, payload)),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().announcement.id)).size).toBe(1);
    const created = answers.find((a) => a.statusCode === 201)!.json();
    expect(await titled('Raced announcement')).toBe(created.notified);
    const announcements = await ctx.database.db
      .selectFrom('announcements')
      .select('id')
      .where('title', '=', 'Raced announcement')
      .execute();
    expect(announcements).toHaveLength(1);
  });

  it("sends an admin's notifications once: the repeat creates none and answers the first count", async () => {
    const [student] = await students(1);
    const payload = {
      notification_type: 'system',
      title: 'Sent once',
      content: 'Even if the answer was lost.',
      user_ids: [student.id],
    };
    const first = await withKey('send-1', admin, SEND, payload);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ created: 1, replayed: false });
    const repeat = await withKey('send-1', admin, SEND, payload);
    expect(repeat.statusCode, repeat.body).toBe(200);
    expect(repeat.json()).toEqual({ created: 1, replayed: true });
    expect(await received(student, 'system')).toHaveLength(1);
  });

  it('refuses a malformed key with 400 and makes nothing', async () => {
    const before = await rowsInDb();
    for (const key of ['has space', 'x'.repeat(151), 'naïve']) {
      const announced = await withKey(key, admin, ANNOUNCEMENTS, { title: 'Bad key', content: 'No.' });
      expect(announced.statusCode, key).toBe(400);
      const sent = await withKey(key, admin, SEND, {
        notification_type: 'system',
        title: 'Bad key',
        content: 'No.',
        everyone: true,
      });
      expect(sent.statusCode, key).toBe(400);
    }
    expect(await rowsInDb()).toBe(before);
  });
});

describe('new_recording', () => {
  it('reaches every approved registrant once per recording, and no one else', async () => {
    const { id, approved, pending, rejected } = await webinarWith('Recorded', {
      approved: 2,
      pending: 1,
      rejected: 1,
    });
    const [bystander] = await students(1);

    const first = await expectStatus(
      addRecording(id, { title: 'Part 1', url: 'https://video.example/1' }),
      201,
    );
    expect(first).toMatchObject({ notified: 2, recording: { title: 'Part 1', webinar: { id } } });
    const second = await expectStatus(
      addRecording(id, { title: 'Part 2', url: 'http://video.example/2' }, admin),
      201,
    );
    expect(second.notified).toBe(2);

    for (const user of approved) expect(await received(user, 'new_recording', id)).toHaveLength(2);
    await expectNone([...pending, ...rejected, bystander, host, admin], 'new_recording', id);
  });

  it('is not sent to an approved registrant who muted it', async () => {
    const { id, approved } = await webinarWith('Muted recording', { approved: 2 });
    const [muted, listening] = approved as [TestUser, TestUser];
    await mute(muted, ['new_recording']);
    const created = await expectStatus(
      addRecording(id, { title: 'Replay', url: 'https://v.example/r' }),
      201,
    );
    expect(created.notified).toBe(1);
    await expectOne([listening], 'new_recording', id);
    await expectNone([muted], 'new_recording', id);
  });

  it('is not sent for a recording that is refused', async () => {
    const { id, approved } = await webinarWith('Refused recordings', { approved: 1 });
    await expectStatus(addRecording(id, { title: 'FTP', url: 'ftp://files.example/1' }), 400);
    await expectStatus(addRecording(id, { title: 'x'.repeat(201), url: 'https://v.example/1' }), 400);
    const otherHost = await ctx.buildUser({ role: 'host' });
    await expectStatus(addRecording(id, { title: 'Not mine', url: 'https://v.example/2' }, otherHost), 403);
    await expectNone(approved, 'new_recording', id);
    const list = await expectStatus(call(approved[0]!, 'GET', `/api/webinars/${id}/recordings/`), 200);
    expect(list.count).toBe(0);
  });
});

describe('upcoming_webinar', () => {
  it('an admin reminder reaches the approved registrants now, and none who are not approved', async () => {
    const { id, approved, pending, rejected } = await webinarWith('Reminded by hand', {
      approved: 2,
      pending: 1,
      rejected: 1,
    });
    const [muted] = await students(1);
    await approveInto(id, muted);
    await mute(muted, ['upcoming_webinar']);

    expect((await expectStatus(call(admin, 'POST', `/api/webinars/${id}/remind/`), 200)).notified).toBe(2);
    await expectOne(approved, 'upcoming_webinar', id);
    await expectNone([...pending, ...rejected, muted, host, admin], 'upcoming_webinar', id);
    await expectStatus(call(host, 'POST', `/api/webinars/${id}/remind/`), 403);
  });

  it('sends the 24 h reminder once at 23 h before, then the 1 h reminder once at 30 min before', async () => {
    const { id, approved, pending, rejected } = await webinarWith(
      'Reminded on time',
      { approved: 2, pending: 1, rejected: 1 },
      3 * DAY,
    );
    const startsAt = await startsAtOf(id);
    const [muted] = await students(1);
    await approveInto(id, muted);
    await mute(muted, ['upcoming_webinar']);
    const reminders = async (user: TestUser) =>
      (await received(user, 'upcoming_webinar', id)).map((n) => n.title).sort();

    // reminderCheck() answers how many users it reminded, over every webinar: no other webinar
    // of this file starts within a day of these moments.
    clockAt(startsAt, 25 * HOUR);
    expect(await reminderCheck()).toBe(0);

    clockAt(startsAt, 23 * HOUR);
    expect(await reminderCheck()).toBe(2);
    for (const user of approved)
      expect(await reminders(user)).toEqual([
        `Starting ${dayAndTime(startsAt, 23 * HOUR)}: Reminded on time`,
      ]);
    expect(await reminderCheck()).toBe(0);
    ctx.clock.advance(10 * MINUTE);
    expect(await reminderCheck()).toBe(0);
    clockAt(startsAt, 2 * HOUR);
    expect(await reminderCheck()).toBe(0);
    expect(await rowsInDb('upcoming_webinar', id)).toBe(2);

    clockAt(startsAt, 30 * MINUTE);
    expect(await reminderCheck()).toBe(2);
    expect(await reminderCheck()).toBe(0);
    clockAt(startsAt, 5 * MINUTE);
    expect(await reminderCheck()).toBe(0);
    for (const user of approved) {
      expect(await reminders(user)).toEqual([
        'Starting in 30 minutes: Reminded on time',
        `Starting ${dayAndTime(startsAt, 23 * HOUR)}: Reminded on time`,
      ]);
    }
    clockAt(startsAt, -MINUTE);
    expect(await reminderCheck()).toBe(0);
    expect(await rowsInDb('upcoming_webinar', id)).toBe(4);
    await expectNone([...pending, ...rejected, muted, host], 'upcoming_webinar', id);
  });

  it('a server that was down through the 24 h window sends only the 1 h reminder', async () => {
    const { id, approved } = await webinarWith('Server was down', { approved: 1 }, 2 * DAY);
    const startsAt = await startsAtOf(id);

    clockAt(startsAt, 50 * MINUTE);
    expect(await reminderCheck()).toBe(1);
    expect(await reminderCheck()).toBe(0);
    const titles = (await received(approved[0]!, 'upcoming_webinar', id)).map((n) => n.title);
    expect(titles).toEqual(['Starting in 50 minutes: Server was down']);
    expect(await rowsInDb('upcoming_webinar', id)).toBe(1);
  });

  it('a registrant approved after the 24 h reminder went out gets it at the next check', async () => {
    const { id, approved } = await webinarWith('Late approval', { approved: 1 }, 2 * DAY);
    const [early] = approved as [TestUser];
    const [late] = await students(1);
    const lateRegistration = await register(late, id);
    const startsAt = await startsAtOf(id);

    clockAt(startsAt, 23 * HOUR);
    expect(await reminderCheck()).toBe(1);
    await expectOne([early], 'upcoming_webinar', id);
    await expectNone([late], 'upcoming_webinar', id);

    ctx.clock.advance(30 * MINUTE);
    await decide(lateRegistration, 'approve');
    clockAt(startsAt, 22 * HOUR);
    expect(await reminderCheck()).toBe(1);
    await expectOne([early, late], 'upcoming_webinar', id);
    expect((await received(late, 'upcoming_webinar', id))[0]!.title).toBe(
      `Starting ${dayAndTime(startsAt, 22 * HOUR)}: Late approval`,
    );

    clockAt(startsAt, 45 * MINUTE);
    expect(await reminderCheck()).toBe(2);
    for (const user of [early, late]) expect(await received(user, 'upcoming_webinar', id)).toHaveLength(2);
  });

  it('a webinar that went live early gets no more reminders', async () => {
    const { id, approved } = await webinarWith('Started early', { approved: 1 }, 2 * DAY);
    const startsAt = await startsAtOf(id);
    clockAt(startsAt, 23 * HOUR);
    await reminderCheck();
    await expectStatus(start(id), 200);
    clockAt(startsAt, 30 * MINUTE);
    await reminderCheck();
    expect((await received(approved[0]!, 'upcoming_webinar', id)).map((n) => n.title)).toEqual([
      `Starting ${dayAndTime(startsAt, 23 * HOUR)}: Started early`,
    ]);
    await expectStatus(call(admin, 'POST', `/api/webinars/${id}/remind/`), 409);
  });

  const reschedule = (id: number, startsAt: Date) =>
    expectStatus(call(host, 'PATCH', `/api/webinars/${id}/`, { starts_at: startsAt.toISOString() }), 200);
  const remindersOf = async (user: TestUser, id: number) =>
    (await received(user, 'upcoming_webinar', id)).map((n) => n.title).reverse();

  it('a webinar moved from 59 minutes to 3 hours ahead says "in 3 hours", then reminds again within the hour', async () => {
    const { id, approved } = await webinarWith('Postponed', { approved: 1 }, 2 * DAY);
    const [student] = approved as [TestUser];
    clockAt(await startsAtOf(id), 59 * MINUTE);
    await reminderCheck();

    const moved = new Date(ctx.clock.now().getTime() + 3 * HOUR);
    await reschedule(id, moved);
    await reminderCheck();
    expect(await remindersOf(student, id)).toEqual([
      'Starting in 59 minutes: Postponed',
      'Starting in 3 hours: Postponed',
    ]);
    const [latest] = await received(student, 'upcoming_webinar', id);
    expect(latest?.content).toBe(
      `"Postponed" starts in 3 hours (${moved.toISOString().slice(11, 16)} UTC). See you there!`,
    );

    clockAt(moved, 45 * MINUTE);
    await reminderCheck();
    await reminderCheck();
    expect(await remindersOf(student, id)).toEqual([
      'Starting in 59 minutes: Postponed',
      'Starting in 3 hours: Postponed',
      'Starting in 45 minutes: Postponed',
    ]);
  });

  it('a webinar moved back inside the hour, to the start it had, gets a new 1 h reminder', async () => {
    const { id, approved } = await webinarWith('Back and forth', { approved: 1 }, 2 * DAY);
    const [student] = approved as [TestUser];
    const original = await startsAtOf(id);
    clockAt(original, 59 * MINUTE);
    await reminderCheck();
    await reschedule(id, new Date(ctx.clock.now().getTime() + 3 * HOUR));
    await reminderCheck();

    ctx.clock.advance(10 * MINUTE);
    await reschedule(id, original);
    await reminderCheck();
    await reminderCheck();
    expect(await remindersOf(student, id)).toEqual([
      'Starting in 59 minutes: Back and forth',
      'Starting in 3 hours: Back and forth',
      'Starting in 49 minutes: Back and forth',
    ]);
    // Any other edit keeps the reminders sent: nothing new is due.
    await expectStatus(call(host, 'PATCH', `/api/webinars/${id}/`, { title: 'Back and forth' }), 200);
    await reschedule(id, original);
    await reminderCheck();
    expect(await remindersOf(student, id)).toHaveLength(3);
  });

  it('a reminder check that read the start just before a reschedule leaves the new start its reminder', async () => {
    const { id, approved } = await webinarWith('Raced', { approved: 1 }, 2 * DAY);
    const [student] = approved as [TestUser];
    const original = await startsAtOf(id);
    clockAt(original, 50 * MINUTE);
    // Another process's check has read the webinar and is about to claim its 1 h reminder...
    const [stale] = (await findWebinarsStartingSoon(ctx.database.db, ctx.clock.now(), DAY)).filter(
      (w) => w.id === id,
    );
    // ...when the host moves it, and then the claim lands.
    const moved = new Date(original.getTime() + 2 * HOUR);
    await reschedule(id, moved);
    expect(await claimReminderDeliveries(ctx.database.db, stale!, '1h', ctx.clock.now())).toEqual([
      student.id,
    ]);

    clockAt(moved, 30 * MINUTE);
    await reminderCheck();
    expect(await remindersOf(student, id)).toContain('Starting in 30 minutes: Raced');
  });
});

describe('system', () => {
  it('reaches exactly the users named, a whole role, or everyone', async () => {
    const [first, second, bystander] = await students(3);
    const named = await expectStatus(
      sendSystem({ user_ids: [first.id, second.id, first.id], title: 'To two of you' }),
      201,
    );
    expect(named.created).toBe(2);
    const about = async (user: TestUser, title: string) =>
      (await received(user, 'system')).filter((n) => n.title === title);
    for (const user of [first, second]) expect(await about(user, 'To two of you')).toHaveLength(1);
    for (const user of [bystander, host, admin]) expect(await about(user, 'To two of you')).toEqual([]);

    const hosts = Number(
      (
        await ctx.database.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('role', '=', 'host')
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect((await expectStatus(sendSystem({ role: 'host', title: 'To the hosts' }), 201)).created).toBe(
      hosts,
    );
    expect(await about(host, 'To the hosts')).toHaveLength(1);
    expect(await about(first, 'To the hosts')).toEqual([]);

    const users = Number(
      (
        await ctx.database.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect((await expectStatus(sendSystem({ everyone: true, title: 'To all' }), 201)).created).toBe(users);
    for (const user of [first, host, admin]) expect(await about(user, 'To all')).toHaveLength(1);
  });

  it('a user who muted every other type gets none of them, but system messages still arrive', async () => {
    const [deaf, hearing] = await students(2);
    const mutable: NotificationType[] = [
      'live_started',
      'live_ended',
      'announcement',
      'registration_approved',
      'new_recording',
      'upcoming_webinar',
    ];
    await mute(deaf, mutable);
    await expectStatus(
      call(deaf, 'PUT', '/api/communications/notifications/preferences/', { system: false }),
      400,
    );

    const webinar = await createWebinar('Muted everything', 2 * DAY);
    for (const student of [deaf, hearing]) await approveInto(webinar, student);
    await expectStatus(announce({ title: 'Muted-everything news', content: 'Hi.' }), 201);
    await expectStatus(addRecording(webinar, { title: 'Teaser', url: 'https://v.example/t' }), 201);
    await expectStatus(call(admin, 'POST', `/api/webinars/${webinar}/remind/`), 200);
    await expectStatus(start(webinar), 200);
    for (const student of [deaf, hearing]) await expectStatus(join(webinar, student), 200);
    await expectStatus(end(webinar), 200);
    await expectStatus(
      call(admin, 'POST', '/api/admin/notifications/', {
        user_ids: [deaf.id, hearing.id],
        notification_type: 'announcement',
        title: 'Typed as an announcement',
        content: 'By hand.',
      }),
      201,
    );
    await expectStatus(sendSystem({ user_ids: [deaf.id], title: 'You still hear this' }), 201);

    const deafList = await expectStatus(call(deaf, 'GET', '/api/communications/notifications/'), 200);
    expect(deafList.results.map((n: Notification) => [n.notification_type, n.title])).toEqual([
      ['system', 'You still hear this'],
    ]);
    const hearingTypes = new Set(
      (await expectStatus(call(hearing, 'GET', '/api/communications/notifications/'), 200)).results.map(
        (n: Notification) => n.notification_type,
      ),
    );
    expect([...hearingTypes].sort()).toEqual([...mutable].sort());
  });
});

describe('an action that fails notifies no one', () => {
  it('a refused action (unknown webinar or registration, not allowed, wrong state) creates no rows', async () => {
    const { id } = await webinarWith('Refusals', { approved: 1 });
    const otherHost = await ctx.buildUser({ role: 'host' });
    const before = await rowsInDb();

    await expectStatus(start(2147483647), 404);
    await expectStatus(end(2147483647), 404);
    await expectStatus(addRecording(2147483647, { title: 'Ghost', url: 'https://v.example/g' }), 404);
    await expectStatus(call(admin, 'POST', '/api/webinars/2147483647/remind/'), 404);
    await expectStatus(call(admin, 'POST', '/api/registrations/2147483647/approve/'), 404);
    await expectStatus(start(id, otherHost), 403);
    await expectStatus(addRecording(id, { title: 'Not mine', url: 'https://v.example/n' }, otherHost), 403);
    await expectStatus(end(id), 409);
    await expectStatus(
      sendSystem({ user_ids: [host.id], role: 'host', title: 'Two kinds of recipients' }),
      400,
    );
    await expectStatus(sendSystem({ everyone: true, webinar_id: 2147483647 }), 400);

    expect(await rowsInDb()).toBe(before);
    expect((await expectStatus(call(host, 'GET', `/api/webinars/${id}/`), 200)).status).toBe('scheduled');
  });

  it('a start whose transaction fails at commit, after its notifications were written, leaves nothing', async () => {
    // A deferred constraint trigger fails the commit of any transaction that wrote a notification
    // titled with the marker: the session row, the webinar's new status and the notifications
    // are all written by then, and all must roll back together.
    const db = ctx.database.db;
    await sql
      .raw(
        `create function fail_marked_commit() returns trigger language plpgsql as $$
         begin raise exception 'commit refused for %', new.title; end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create constraint trigger fail_marked_commit after insert on notifications
         deferrable initially deferred for each row
         when (new.title like '%[refused at commit]%') execute function fail_marked_commit()`,
      )
      .execute(db);
    const events: AppEvent[] = [];
    const unsubscribe = ctx.bus.subscribe((event) => events.push(event));
    try {
      const { id, approved } = await webinarWith('Doomed [refused at commit]', { approved: 2 });
      events.length = 0;
      const before = await rowsInDb();

      const failed = await expectStatus(start(id), 500);
      expect(failed.error.code).toBe('internal_error');
      expect(await rowsInDb()).toBe(before);
      expect(events).toEqual([]);
      expect((await expectStatus(call(host, 'GET', `/api/webinars/${id}/`), 200)).status).toBe('scheduled');
      const sessions = await db
        .selectFrom('live_sessions')
        .select('id')
        .where('webinar_id', '=', id)
        .execute();
      expect(sessions).toEqual([]);
      await expectNone(approved, 'live_started', id);

      await sql.raw('drop trigger fail_marked_commit on notifications').execute(db);
      const retried = await expectStatus(start(id), 200);
      expect(retried.notified).toBe(2);
      await expectOne(approved, 'live_started', id);
      expect(events.filter((e) => e.name === 'notifications_created')).toHaveLength(1);
    } finally {
      unsubscribe();
      await sql.raw('drop trigger if exists fail_marked_commit on notifications').execute(db);
      await sql.raw('drop function if exists fail_marked_commit()').execute(db);
    }
  });
});

describe('a webinar title of the full 200 characters', () => {
  it('still goes live, gets recordings, reminders and ends, and its registrants hear of each', async () => {
    const title = 'Long title '.repeat(19).slice(0, 200);
    expect(title).toHaveLength(200);
    const { id, approved } = await webinarWith(title, { approved: 1 }, 2 * DAY);
    const other = await webinarWith('Short neighbour', { approved: 1 }, 2 * DAY + MINUTE);
    const [student] = approved as [TestUser];
    const startsAt = await startsAtOf(id);

    clockAt(startsAt, 23 * HOUR);
    expect(await reminderCheck()).toBe(2);
    await expectOne([student], 'upcoming_webinar', id);
    await expectOne(other.approved, 'upcoming_webinar', other.id);
    await expectStatus(addRecording(id, { title: 'Trailer', url: 'https://v.example/long' }), 201);
    await expectStatus(start(id), 200);
    await expectStatus(join(id, student), 200);
    await expectStatus(end(id), 200);

    const all = (await expectStatus(call(student, 'GET', '/api/communications/notifications/'), 200))
      .results as Notification[];
    const about = all.filter((n) => n.related_webinar?.id === id);
    expect(about.map((n) => n.notification_type).sort()).toEqual(
      ['live_ended', 'live_started', 'new_recording', 'registration_approved', 'upcoming_webinar'].sort(),
    );
    for (const n of about) {
      expect(Array.from(n.title).length).toBeLessThanOrEqual(200);
      expect(n.content).toContain(title);
    }
    expect(about.find((n) => n.notification_type === 'live_started')!.title).toMatch(
      /^Live now: Long title .*…$/,
    );
  });
});
