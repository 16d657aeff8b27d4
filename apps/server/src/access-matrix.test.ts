// Who may do what to each resource: every route × anonymous, the owner (the student the row
// belongs to: the registrant, the recipient), another student, the webinar's host, another host and
// an admin, with the exact status each gets. Every cell builds its own rows, so a cell that changes
// state (deletes, starts, approves) leaves the next one untouched; and when the answer is a
// refusal, no table may have changed.

import { createECDH, randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  simple,
  TEST_SECRET,
  type TestContext,
  type TestUser,
} from '../test/helpers/app.ts';
import { createSignedLinks } from './deliveries/signed-links.ts';

const ACTORS = ['anonymous', 'owner', 'other student', 'host', 'other host', 'admin'] as const;
type Actor = (typeof ACTORS)[number];
type Statuses = readonly [
  anonymous: number,
  owner: number,
  otherStudent: number,
  host: number,
  otherHost: number,
  admin: number,
];

let ctx: TestContext;
let users: Record<Exclude<Actor, 'anonymous'>, TestUser>;

beforeAll(async () => {
  ctx = await createTestContext();
  users = {
    owner: await ctx.buildUser({ role: 'student' }),
    'other student': await ctx.buildUser({ role: 'student' }),
    host: await ctx.buildUser({ role: 'host' }),
    'other host': await ctx.buildUser({ role: 'host' }),
    admin: await ctx.buildUser({ role: 'admin' }),
  };
});
afterAll(() => ctx.close());

function send(actor: Actor, options: InjectOptions): Promise<LightMyRequestResponse> {
  return actor === 'anonymous' ? ctx.app.inject(options) : ctx.as(users[actor], options);
}

async function asAdmin(options: InjectOptions, status: number): Promise<LightMyRequestResponse> {
  const response = await send('admin', options);
  expect(response.statusCode, response.body).toBe(status);
  return response;
}

const TABLES = [
  'users',
  'sessions',
  'webinars',
  'registrations',
  'live_sessions',
  'live_session_participants',
  'recordings',
  'announcements',
  'notification_events',
  'notifications',
  'notification_read_marks',
  'notification_preferences',
  'push_subscriptions',
  'reminder_deliveries',
  'app_settings',
  'delivery_policies',
  'channel_preferences',
  'deliveries',
] as const;

/**
 * Lets the delivery worker send everything earlier fixtures made due: its writes are not the
 * request's. Woken here too, since on PostgreSQL its wake-up comes back through LISTEN/NOTIFY later.
 */
async function settleDeliveries(): Promise<void> {
  for (;;) {
    await ctx.app.deliveryWorker.idle();
    const { rows } = await sql<{ open: number }>`select count(*)::int as open from deliveries
      where status in ('pending', 'sending', 'retrying') and due_at <= ${ctx.clock.now()}`.execute(
      ctx.database.db,
    );
    if (rows[0]?.open === 0) return;
    ctx.app.deliveryWorker.wake();
  }
}

/** Every row of every table, in a stable order, once the delivery worker has settled. */
async function snapshot(): Promise<Record<string, string[]>> {
  await settleDeliveries();
  const tables: Record<string, string[]> = {};
  for (const table of TABLES) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      ctx.database.db,
    );
    tables[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return tables;
}

// Fixtures: the host's webinar in some state, with the owner's registration.

const later = () => new Date(ctx.clock.now().getTime() + 7 * 86_400_000).toISOString();

interface Webinar {
  webinar: number;
  registration: number;
}

async function webinar(registration: 'pending' | 'approved' = 'approved'): Promise<Webinar> {
  const id = await ctx.buildWebinar(users.host.id, 'Matrix webinar');
  const row = await ctx.database.db
    .insertInto('registrations')
    .values({ user_id: users.owner.id, webinar_id: id, status: registration })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { webinar: id, registration: row.id };
}

async function liveWebinar(): Promise<Webinar> {
  const made = await webinar();
  await asAdmin({ method: 'POST', url: `/api/live-sessions/${made.webinar}/start/` }, 200);
  return made;
}

async function recordedWebinar(): Promise<Webinar> {
  const made = await webinar();
  const url = `/api/webinars/${made.webinar}/recordings/`;
  await asAdmin({ method: 'POST', url, payload: { title: 'Replay', url: 'https://video.example/r' } }, 201);
  return made;
}

async function announcement(): Promise<number> {
  const made = await asAdmin(
    {
      method: 'POST',
      url: '/api/communications/announcements/',
      payload: { title: 'Matrix news', content: 'Hi.' },
    },
    201,
  );
  return made.json().announcement.id;
}

async function scheduledAnnouncement(): Promise<number> {
  const made = await asAdmin(
    {
      method: 'POST',
      url: '/api/communications/announcements/',
      payload: { title: 'Matrix news for later', content: 'Hi.', send_at: later() },
    },
    201,
  );
  return made.json().announcement.id;
}

/** A notification of the owner's. */
async function notification(): Promise<number> {
  await ctx.notify(simple('system', [users.owner.id], 'Matrix notification'));
  const row = await ctx.database.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('user_id', '=', users.owner.id)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

interface Cell {
  route: string;
  actor: Actor;
  status: number;
  request: () => Promise<InjectOptions>;
}

/** One resource's table: its fixture, then one row per route with the six actors' statuses. */
function table<F>(
  fixture: () => Promise<F>,
  rows: ReadonlyArray<readonly [route: string, request: (f: F) => InjectOptions, statuses: Statuses]>,
): Cell[] {
  return rows.flatMap(([route, request, statuses]) =>
    ACTORS.map((actor, i) => ({
      route,
      actor,
      status: statuses[i] as number,
      request: async () => request(await fixture()),
    })),
  );
}

const get = (url: string): InjectOptions => ({ url });
const post = (url: string, payload?: object): InjectOptions => ({
  method: 'POST',
  url,
  ...(payload ? { payload } : {}),
});
const patch = (url: string, payload: object): InjectOptions => ({ method: 'PATCH', url, payload });
const del = (url: string): InjectOptions => ({ method: 'DELETE', url });

// biome-ignore format: a table reads best one row a line
const WEBINARS = table(webinar, [
  //                                                                                                    anon owner other host other admin
  ['GET /api/webinars/',                      () => get('/api/webinars/'),                              [401, 200, 200, 200, 200, 200]],
  ['POST /api/webinars/',                     () => post('/api/webinars/', { title: 'New', starts_at: later() }), [401, 403, 403, 201, 201, 201]],
  ['GET /api/webinars/:id/',                  (w) => get(`/api/webinars/${w.webinar}/`),                [401, 200, 200, 200, 200, 200]],
  ['GET /api/webinars/:id/calendar.ics',      (w) => get(`/api/webinars/${w.webinar}/calendar.ics`),    [401, 200, 200, 200, 200, 200]],
  ['PATCH /api/webinars/:id/',                (w) => patch(`/api/webinars/${w.webinar}/`, { title: 'Renamed' }), [401, 403, 403, 200, 403, 200]],
  ['DELETE /api/webinars/:id/',               (w) => del(`/api/webinars/${w.webinar}/`),                [401, 403, 403, 403, 403, 204]],
  // The owner has registered already: again is a conflict.
  ['POST /api/webinars/:id/register/',        (w) => post(`/api/webinars/${w.webinar}/register/`),      [401, 409, 201, 403, 403, 403]],
  ['GET /api/webinars/:id/registrations/',    (w) => get(`/api/webinars/${w.webinar}/registrations/`),  [401, 403, 403, 200, 403, 200]],
  ['POST /api/webinars/:id/remind/',          (w) => post(`/api/webinars/${w.webinar}/remind/`),        [401, 403, 403, 403, 403, 200]],
]);

// biome-ignore format: a table reads best one row a line
const REGISTRATIONS = table(() => webinar('pending'), [
  ['GET /api/registrations/',                 () => get('/api/registrations/'),                         [401, 200, 200, 200, 200, 200]],
  ['POST /api/registrations/:id/approve/',    (w) => post(`/api/registrations/${w.registration}/approve/`), [401, 403, 403, 200, 403, 200]],
  ['POST /api/registrations/:id/reject/',     (w) => post(`/api/registrations/${w.registration}/reject/`),  [401, 403, 403, 200, 403, 200]],
]);

// biome-ignore format: a table reads best one row a line
const LIVE_SESSIONS = [
  ...table(webinar, [
    ['POST /api/live-sessions/:id/start/',    (w) => post(`/api/live-sessions/${w.webinar}/start/`),    [401, 403, 403, 200, 403, 200]],
  ]),
  ...table(liveWebinar, [
    // Only approved registrants (the owner), the host and admins may join.
    ['POST /api/live-sessions/:id/join/',     (w) => post(`/api/live-sessions/${w.webinar}/join/`),     [401, 200, 403, 200, 403, 200]],
    ['POST /api/live-sessions/:id/end/',      (w) => post(`/api/live-sessions/${w.webinar}/end/`),      [401, 403, 403, 200, 403, 200]],
  ]),
];

// biome-ignore format: a table reads best one row a line
const RECORDINGS = table(recordedWebinar, [
  // Anyone may list; what each sees is in platform-permissions.test.ts.
  ['GET /api/recordings/',                    () => get('/api/recordings/'),                            [401, 200, 200, 200, 200, 200]],
  ['GET /api/webinars/:id/recordings/',       (w) => get(`/api/webinars/${w.webinar}/recordings/`),     [401, 200, 200, 200, 200, 200]],
  ['POST /api/webinars/:id/recordings/',      (w) => post(`/api/webinars/${w.webinar}/recordings/`, { title: 'More', url: 'https://video.example/m' }), [401, 403, 403, 201, 403, 201]],
]);

// Announcements belong to no webinar and no student: "owner" is a student it notified, the hosts
// are any hosts.
const ANNOUNCEMENTS = '/api/communications/announcements/';
// biome-ignore format: a table reads best one row a line
const ANNOUNCEMENT_CELLS = table(announcement, [
  ['GET /api/communications/announcements/',  () => get(ANNOUNCEMENTS),                                 [401, 200, 200, 200, 200, 200]],
  ['POST /api/communications/announcements/', () => post(ANNOUNCEMENTS, { title: 'News', content: 'Hi.' }), [401, 403, 403, 403, 403, 201]],
  ['GET /api/communications/announcements/:id/',    (a) => get(`${ANNOUNCEMENTS}${a}/`),                [401, 200, 200, 200, 200, 200]],
  // Once sent, an announcement cannot change.
  ['PATCH /api/communications/announcements/:id/',  (a) => patch(`${ANNOUNCEMENTS}${a}/`, { content: 'Edited.' }), [401, 403, 403, 403, 403, 409]],
  ['DELETE /api/communications/announcements/:id/', (a) => del(`${ANNOUNCEMENTS}${a}/`),                [401, 403, 403, 403, 403, 204]],
]);

// A scheduled announcement is the admins' alone until it goes out: to anyone else it does not exist.
// biome-ignore format: a table reads best one row a line
const SCHEDULED_ANNOUNCEMENT_CELLS = table(scheduledAnnouncement, [
  ['POST /api/communications/announcements/ (send_at)', () => post(ANNOUNCEMENTS, { title: 'Later', content: 'Hi.', send_at: later() }), [401, 403, 403, 403, 403, 201]],
  ['GET /api/communications/announcements/:id/',    (a) => get(`${ANNOUNCEMENTS}${a}/`),                [401, 404, 404, 404, 404, 200]],
  ['PATCH /api/communications/announcements/:id/',  (a) => patch(`${ANNOUNCEMENTS}${a}/`, { send_at: later() }), [401, 403, 403, 403, 403, 200]],
  ['POST /api/communications/announcements/:id/cancel/', (a) => post(`${ANNOUNCEMENTS}${a}/cancel/`),   [401, 403, 403, 403, 403, 200]],
  ['POST /api/communications/announcements/:id/send/',   (a) => post(`${ANNOUNCEMENTS}${a}/send/`),     [401, 403, 403, 403, 403, 200]],
  ['DELETE /api/communications/announcements/:id/', (a) => del(`${ANNOUNCEMENTS}${a}/`),                [401, 403, 403, 403, 403, 204]],
]);

// A user's own notifications: anyone else's is not found, an admin's included (the admin panel is
// the admin's way in). "Host" and "other host" are any hosts.
const MINE = '/api/communications/notifications/';
// biome-ignore format: a table reads best one row a line
const NOTIFICATIONS = table(notification, [
  ['GET /api/communications/notifications/',  () => get(MINE),                                          [401, 200, 200, 200, 200, 200]],
  ['PUT /api/communications/notifications/preferences/', () => ({ method: 'PUT', url: `${MINE}preferences/`, payload: { live_started: true } }), [401, 200, 200, 200, 200, 200]],
  ['GET /api/communications/notifications/:id/',              (n) => get(`${MINE}${n}/`),               [401, 200, 404, 404, 404, 404]],
  ['POST /api/communications/notifications/:id/mark-read/',   (n) => post(`${MINE}${n}/mark-read/`),    [401, 200, 404, 404, 404, 404]],
  ['POST /api/communications/notifications/:id/mark-unread/', (n) => post(`${MINE}${n}/mark-unread/`),  [401, 200, 404, 404, 404, 404]],
  ['POST /api/communications/notifications/:id/archive/',     (n) => post(`${MINE}${n}/archive/`),      [401, 200, 404, 404, 404, 404]],
  ['POST /api/communications/notifications/:id/unarchive/',   (n) => post(`${MINE}${n}/unarchive/`),    [401, 200, 404, 404, 404, 404]],
  ['DELETE /api/communications/notifications/:id/',           (n) => del(`${MINE}${n}/`),               [401, 204, 404, 404, 404, 404]],
]);

const PANEL = '/api/admin/notifications/';
// biome-ignore format: a table reads best one row a line
const ADMIN_NOTIFICATIONS = table(notification, [
  ['GET /api/admin/notifications/',           () => get(`${PANEL}?search=matrix`),                      [401, 403, 403, 403, 403, 200]],
  ['POST /api/admin/notifications/',          () => post(PANEL, { user_ids: [users.owner.id], notification_type: 'system', title: 'Hi', content: 'Hello.' }), [401, 403, 403, 403, 403, 201]],
  ['GET /api/admin/notifications/:id/',       (n) => get(`${PANEL}${n}/`),                              [401, 403, 403, 403, 403, 200]],
  ['PATCH /api/admin/notifications/:id/',     (n) => patch(`${PANEL}${n}/`, { is_read: true }),         [401, 403, 403, 403, 403, 200]],
  ['DELETE /api/admin/notifications/:id/',    (n) => del(`${PANEL}${n}/`),                              [401, 403, 403, 403, 403, 204]],
]);

// Anyone's own contact settings and channel matrix; "owner" is any student.
const CONTACT = '/api/auth/me/contact/';
const MATRIX = '/api/notifications/channel-preferences/';
// biome-ignore format: a table reads best one row a line
const SETTINGS = table(async () => undefined, [
  ['GET /api/auth/me/contact/',               () => get(CONTACT),                                       [401, 200, 200, 200, 200, 200]],
  ['PATCH /api/auth/me/contact/',             () => patch(CONTACT, { time_zone: 'Europe/Paris' }),      [401, 200, 200, 200, 200, 200]],
  // Each actor's own address is unverified: its first request queues an email.
  ['POST /api/auth/me/contact/verification/', () => post(`${CONTACT}verification/`),                   [401, 202, 202, 202, 202, 202]],
  ['GET /api/notifications/channel-preferences/', () => get(MATRIX),                                    [401, 200, 200, 200, 200, 200]],
  ['PUT /api/notifications/channel-preferences/', () => ({ method: 'PUT', url: MATRIX, payload: { live_started: { email: true } } }), [401, 200, 200, 200, 200, 200]],
]);

// Anyone's own browsers for push; a browser of the owner's is what others try to remove.
const PUSH = '/api/auth/me/push/subscriptions/';
function newBrowser() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint: `https://push.example.com/send/${randomBytes(8).toString('hex')}`,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}
async function ownersBrowser(): Promise<number> {
  const { endpoint, keys } = newBrowser();
  const row = await ctx.database.db
    .insertInto('push_subscriptions')
    .values({ user_id: users.owner.id, endpoint, ...keys, device_label: 'Chrome on Linux' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
// biome-ignore format: a table reads best one row a line
const PUSH_SUBSCRIPTIONS = table(ownersBrowser, [
  ['GET /api/auth/me/push/public-key/',       () => get('/api/auth/me/push/public-key/'),               [401, 200, 200, 200, 200, 200]],
  ['GET /api/auth/me/push/subscriptions/',    () => get(PUSH),                                          [401, 200, 200, 200, 200, 200]],
  ['POST /api/auth/me/push/subscriptions/',   () => post(PUSH, newBrowser()),                           [401, 201, 201, 201, 201, 201]],
  ['DELETE /api/auth/me/push/subscriptions/:id/', (s) => del(`${PUSH}${s}/`),                           [401, 204, 404, 404, 404, 404]],
]);

// An email link's token is the proof: whoever sends it (signed in as anyone, or not) acts for the
// owner it names, and only on what it names.
const links = () => createSignedLinks(TEST_SECRET, ctx.clock);
async function emailLinks() {
  const { username, id } = users.owner;
  return {
    verification: links().verification({ userId: id, email: `${username}@example.com` }),
    unsubscribe: links().unsubscribe({ userId: id, type: 'announcement' }),
  };
}
const ONE_CLICK = '/api/email/one-click-unsubscribe/';
const form = { 'content-type': 'application/x-www-form-urlencoded' };
// biome-ignore format: a table reads best one row a line
const EMAIL_LINKS = table(emailLinks, [
  ['POST /api/email/verify/',                 (t) => post('/api/email/verify/', { token: t.verification }), [200, 200, 200, 200, 200, 200]],
  ['POST /api/email/unsubscribe/lookup/',     (t) => post('/api/email/unsubscribe/lookup/', { token: t.unsubscribe }), [200, 200, 200, 200, 200, 200]],
  ['POST /api/email/unsubscribe/',            (t) => post('/api/email/unsubscribe/', { token: t.unsubscribe, subscribed: false }), [200, 200, 200, 200, 200, 200]],
  ['POST /api/email/one-click-unsubscribe/:token/', (t) => ({ method: 'POST', url: `${ONE_CLICK}${t.unsubscribe}/`, payload: 'List-Unsubscribe=One-Click', headers: form }), [200, 200, 200, 200, 200, 200]],
  ['GET /api/email/one-click-unsubscribe/:token/',  (t) => get(`${ONE_CLICK}${t.unsubscribe}/`),     [302, 302, 302, 302, 302, 302]],
]);

const POLICIES = '/api/admin/delivery-policies/';
// biome-ignore format: a table reads best one row a line
const DELIVERY_POLICIES = table(async () => undefined, [
  ['GET /api/admin/delivery-policies/',       () => get(POLICIES),                                      [401, 403, 403, 403, 403, 200]],
  ['PUT /api/admin/delivery-policies/:type/:channel/', () => ({ method: 'PUT', url: `${POLICIES}live_ended/email/`, payload: { timing: 'off' } }), [401, 403, 403, 403, 403, 200]],
]);

// A failed delivery of one of the owner's notifications: only admins see the log or retry.
async function failedDelivery(): Promise<number> {
  const notificationId = await notification();
  const row = await ctx.database.db
    .insertInto('deliveries')
    .values({
      channel: 'email',
      user_id: users.owner.id,
      notification_id: notificationId,
      notification_type: 'system',
      status: 'failed',
      reason: '550 no such user',
      due_at: ctx.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
const LOG = '/api/admin/deliveries/';
// biome-ignore format: a table reads best one row a line
const DELIVERIES = table(failedDelivery, [
  ['GET /api/admin/deliveries/',              () => get(`${LOG}?status=failed`),                       [401, 403, 403, 403, 403, 200]],
  ['GET /api/admin/deliveries/:id/',          (d) => get(`${LOG}${d}/`),                                [401, 403, 403, 403, 403, 200]],
  ['GET /api/admin/deliveries/:id/preview/',  (d) => get(`${LOG}${d}/preview/`),                        [401, 403, 403, 403, 403, 200]],
  ['POST /api/admin/deliveries/:id/retry/',   (d) => post(`${LOG}${d}/retry/`),                         [401, 403, 403, 403, 403, 200]],
]);

// The admin's user picker: no resource of anyone's, only admins may search.
// biome-ignore format: a table reads best one row a line
const ADMIN_USERS = table(async () => undefined, [
  ['GET /api/admin/users/',                   () => get('/api/admin/users/?search=a&page_size=5'),     [401, 403, 403, 403, 403, 200]],
]);

// The count of open live streams: only admins may read it.
// biome-ignore format: a table reads best one row a line
const ADMIN_STREAMS = table(async () => undefined, [
  ['GET /api/admin/streams/',                 () => get('/api/admin/streams/'),                        [401, 403, 403, 403, 403, 200]],
]);

const RESOURCES: Array<[string, Cell[]]> = [
  ['webinars', WEBINARS],
  ['registrations', REGISTRATIONS],
  ['live sessions', LIVE_SESSIONS],
  ['recordings', RECORDINGS],
  ['announcements', ANNOUNCEMENT_CELLS],
  ['scheduled announcements', SCHEDULED_ANNOUNCEMENT_CELLS],
  ['notifications', NOTIFICATIONS],
  ['admin notifications', ADMIN_NOTIFICATIONS],
  ['contact settings and channel preferences', SETTINGS],
  ['push subscriptions', PUSH_SUBSCRIPTIONS],
  ['email links', EMAIL_LINKS],
  ['delivery policies', DELIVERY_POLICIES],
  ['deliveries', DELIVERIES],
  ['admin users', ADMIN_USERS],
  ['admin streams', ADMIN_STREAMS],
];

const CODES: Record<number, string> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
};

describe.each(RESOURCES)('who may do what to %s', (_resource, cells) => {
  it.each(cells.map((cell) => [`${cell.route} as ${cell.actor} → ${cell.status}`, cell] as const))(
    '%s',
    async (_title, { actor, status, request }) => {
      const options = await request();
      const before = status >= 400 ? await snapshot() : undefined;
      const response = await send(actor, options);
      expect(response.statusCode, response.body).toBe(status);
      if (CODES[status]) expect(response.json().error.code).toBe(CODES[status]);
      if (before) expect(await snapshot(), 'a refused request changed the database').toEqual(before);
    },
  );
});
