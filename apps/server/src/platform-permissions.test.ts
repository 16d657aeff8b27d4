// What a registration lets a student do, then the requests the platform refuses whoever sends
// them: bad dates, missing and extra fields, bad URLs, unknown ids and actions in the wrong state.
// Who may call each endpoint at all is in access-matrix.test.ts.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, simple, type TestContext, type TestUser } from '../test/helpers/app.ts';

let ctx: TestContext;
let student: TestUser;
let host: TestUser;
let otherHost: TestUser;
let admin: TestUser;
/** Registers for the fixtures' webinars, so that the actors themselves stay unregistered. */
let registrant: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  student = await ctx.buildUser({ role: 'student' });
  host = await ctx.buildUser({ role: 'host' });
  otherHost = await ctx.buildUser({ role: 'host' });
  admin = await ctx.buildUser({ role: 'admin' });
  registrant = await ctx.buildUser({ role: 'student' });
});
afterAll(() => ctx.close());

const ACTORS = ['anonymous', 'student', 'host', 'other host', 'admin'] as const;
type Actor = (typeof ACTORS)[number];

function send(actor: Actor, options: InjectOptions): Promise<LightMyRequestResponse> {
  const user = { student, host, 'other host': otherHost, admin, anonymous: null }[actor];
  return user ? ctx.as(user, options) : ctx.app.inject(options);
}

// Fixtures, written straight to the database (fast) or through the API when the state matters.

/** A scheduled webinar hosted by `host`. */
function webinar(): Promise<number> {
  return ctx.buildWebinar(host.id, 'Matrix webinar');
}

async function registration(status: 'pending' | 'approved' | 'rejected' = 'pending', webinarId?: number) {
  const row = await ctx.database.db
    .insertInto('registrations')
    .values({ user_id: registrant.id, webinar_id: webinarId ?? (await webinar()), status })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function liveWebinar(): Promise<number> {
  const id = await webinar();
  const started = await ctx.as(admin, { method: 'POST', url: `/api/live-sessions/${id}/start/` });
  expect(started.statusCode, started.body).toBe(200);
  return id;
}

async function endedWebinar(): Promise<number> {
  const id = await liveWebinar();
  const ended = await ctx.as(admin, { method: 'POST', url: `/api/live-sessions/${id}/end/` });
  expect(ended.statusCode, ended.body).toBe(200);
  return id;
}

/** A webinar `student` has already registered for. */
async function registeredStudent(): Promise<number> {
  const id = await webinar();
  const registered = await ctx.as(student, { method: 'POST', url: `/api/webinars/${id}/register/` });
  expect(registered.statusCode, registered.body).toBe(201);
  return id;
}

async function announcement(): Promise<number> {
  const row = await ctx.database.db
    .insertInto('announcements')
    .values({ title: 'Matrix news', content: 'Hello.', author_id: admin.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function notification(): Promise<number> {
  await ctx.notify(simple('system', [registrant.id], 'Matrix notification'));
  const row = await ctx.database.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('user_id', '=', registrant.id)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Table rows named plainly in the test titles (`$field` would quote strings). */
function titled<T>(rows: readonly T[], title: (row: T) => string): [string, T][] {
  return rows.map((row) => [title(row), row]);
}

describe('what a registration lets a student do', () => {
  const REGISTRATIONS = [
    { registration: 'approved', join: 200, recordings: 1 },
    { registration: 'pending', join: 403, recordings: 0 },
    { registration: 'rejected', join: 403, recordings: 0 },
  ] as const;
  it.each(
    titled(
      REGISTRATIONS,
      (r) =>
        `a student whose registration is ${r.registration}: join → ${r.join}, sees ${r.recordings} recording(s)`,
    ),
  )('%s', async (_title, { registration: status, join, recordings }) => {
    const id = await liveWebinar();
    const recorded = await ctx.as(host, {
      method: 'POST',
      url: `/api/webinars/${id}/recordings/`,
      payload: { title: `Replay of ${id}`, url: 'https://video.example/r' },
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    await registration(status, id);

    const joined = await ctx.as(registrant, { method: 'POST', url: `/api/live-sessions/${id}/join/` });
    expect(joined.statusCode, joined.body).toBe(join);
    const own = await ctx.as(registrant, { url: `/api/webinars/${id}/recordings/` });
    expect(own.json().count).toBe(recordings);
    const all = await ctx.as(registrant, { url: '/api/recordings/?page_size=100' });
    const titles = all.json().results.map((r: { title: string }) => r.title);
    expect(titles.includes(`Replay of ${id}`)).toBe(recordings === 1);
  });

  const VIEWERS = [
    { actor: 'student', sees: 0 },
    { actor: 'host', sees: 1 },
    { actor: 'other host', sees: 0 },
    { actor: 'admin', sees: 1 },
  ] as const;
  it.each(titled(VIEWERS, (r) => `the ${r.actor} sees ${r.sees} of a webinar's recordings`))(
    '%s',
    async (_title, { actor, sees }) => {
      const id = await webinar();
      const recorded = await ctx.as(admin, {
        method: 'POST',
        url: `/api/webinars/${id}/recordings/`,
        payload: { title: 'Visible?', url: 'https://video.example/v' },
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const response = await send(actor, { url: `/api/webinars/${id}/recordings/` });
      expect(response.json().count).toBe(sees);
    },
  );
});

const UNKNOWN = 2147483647;

interface Refusal {
  what: string;
  actor: Actor;
  request: () => Promise<InjectOptions> | InjectOptions;
  status: number;
  /** The field the error names, when it names one. */
  field?: string;
}

const STARTS_AT = '2031-06-01T10:00:00.000Z';
const webinarBody = (extra: object) => ({ title: 'Valid title', starts_at: STARTS_AT, ...extra });
const createWebinar = (payload: object, actor: Actor = 'host'): Omit<Refusal, 'what' | 'status'> => ({
  actor,
  request: () => ({ method: 'POST', url: '/api/webinars/', payload }),
});
const editWebinar = (payload: object): Omit<Refusal, 'what' | 'status'> => ({
  actor: 'host',
  request: async () => ({ method: 'PATCH', url: `/api/webinars/${await webinar()}/`, payload }),
});
const addRecording = (payload: object): Omit<Refusal, 'what' | 'status'> => ({
  actor: 'host',
  request: async () => ({ method: 'POST', url: `/api/webinars/${await webinar()}/recordings/`, payload }),
});
const sendNotification = (payload: object): Omit<Refusal, 'what' | 'status'> => ({
  actor: 'admin',
  request: () => ({
    method: 'POST',
    url: '/api/admin/notifications/',
    payload: { notification_type: 'system', title: 'T', content: 'C', ...payload },
  }),
});
const as = (actor: Actor, request: Refusal['request']) => ({ actor, request });
const refuse = (
  what: string,
  status: number,
  field: string | undefined,
  target: Omit<Refusal, 'what' | 'status' | 'field'>,
): Refusal => ({ what, status, ...(field ? { field } : {}), ...target });

const ANNOUNCEMENTS = '/api/communications/announcements/';
const PREFERENCES = '/api/communications/notifications/preferences/';
const get = (actor: Actor, url: string) => as(actor, () => ({ url }));
const post = (actor: Actor, url: string, payload?: object) =>
  as(actor, () => ({ method: 'POST', url, ...(payload ? { payload } : {}) }));
/** A POST to a URL of a webinar that `fixture` has just put into some state. */
const inState = (actor: Actor, url: (id: number) => string, fixture: () => Promise<number>) =>
  as(actor, async () => ({ method: 'POST', url: url(await fixture()) }));

// biome-ignore format: a table reads best one row a line
const REFUSALS: Refusal[] = [
  // Bad dates
  refuse('a start that is not a date', 400, 'starts_at', createWebinar(webinarBody({ starts_at: 'tomorrow' }))),
  refuse('a start in month 13', 400, 'starts_at', createWebinar(webinarBody({ starts_at: '2026-13-01T10:00:00Z' }))),
  refuse('a start on February 30', 400, 'starts_at', createWebinar(webinarBody({ starts_at: '2026-02-30T10:00:00Z' }))),
  refuse('a start without a time zone', 400, 'starts_at', createWebinar(webinarBody({ starts_at: '2026-06-01T10:00:00' }))),
  refuse('a start on a leap second', 400, 'starts_at', createWebinar(webinarBody({ starts_at: '2026-06-30T23:59:60Z' }))),
  refuse('a start in year 0', 400, 'starts_at', createWebinar(webinarBody({ starts_at: '0000-06-01T10:00:00Z' }))),
  refuse('a start given as a number', 400, 'starts_at', createWebinar(webinarBody({ starts_at: 1780000000000 }))),
  refuse('moving a webinar to "next week"', 400, 'starts_at', editWebinar({ starts_at: 'next week' })),
  refuse('moving a webinar onto a leap second', 400, 'starts_at', editWebinar({ starts_at: '2026-12-31T23:59:60Z' })),
  refuse('notifications created after "yesterday"', 400, 'created_after', get('admin', '/api/admin/notifications/?created_after=yesterday')),
  refuse('notifications created before a leap second', 400, 'created_before', get('admin', '/api/admin/notifications/?created_before=2026-06-30T23:59:60Z')),
  refuse('deliveries created after a leap second', 400, 'created_after', get('admin', '/api/admin/deliveries/?created_after=2026-06-30T23:59:60Z')),
  refuse('deliveries created before year 1', 400, 'created_before', get('admin', '/api/admin/deliveries/?created_before=0000-06-01T10:00:00Z')),
  // Missing fields
  refuse('a webinar without a title', 400, 'title', createWebinar({ starts_at: STARTS_AT })),
  refuse('a webinar without a start', 400, 'starts_at', createWebinar({ title: 'When?' })),
  refuse('a webinar edit that changes nothing', 400, undefined, editWebinar({})),
  refuse('an announcement without content', 400, 'content', post('admin', ANNOUNCEMENTS, { title: 'Empty' })),
  refuse('an announcement edit that changes nothing', 400, undefined, as('admin', async () => ({ method: 'PATCH', url: `${ANNOUNCEMENTS}${await announcement()}/`, payload: {} }))),
  refuse('a recording without a URL', 400, 'url', addRecording({ title: 'Where?' })),
  refuse('a recording without a title', 400, 'title', addRecording({ url: 'https://video.example/1' })),
  refuse('a notification without a type', 400, 'notification_type', post('admin', '/api/admin/notifications/', { everyone: true, title: 'T', content: 'C' })),
  refuse('a notification without recipients', 400, 'recipients', sendNotification({})),
  refuse('a request body that is not JSON', 400, undefined, as('host', () => ({ method: 'POST', url: '/api/webinars/', headers: { 'content-type': 'application/json' }, payload: '{"title": ' }))),
  // Bad values
  refuse('a recording on ftp://', 400, 'url', addRecording({ title: 'FTP', url: 'ftp://files.example/1' })),
  refuse('a recording on javascript:', 400, 'url', addRecording({ title: 'XSS', url: 'javascript:alert(1)' })),
  refuse('a recording whose URL is not a URL', 400, 'url', addRecording({ title: 'Words', url: 'not a url' })),
  refuse('a recording whose URL has no host', 400, 'url', addRecording({ title: 'Nowhere', url: 'https://' })),
  refuse('a recording whose URL has a space', 400, 'url', addRecording({ title: 'Space', url: 'https://video.example/a b' })),
  refuse('a recording titled with 201 characters', 400, 'title', addRecording({ title: 'x'.repeat(201), url: 'https://video.example/1' })),
  refuse('a webinar with an empty title', 400, 'title', createWebinar(webinarBody({ title: '' }))),
  refuse('a webinar title with a NUL character', 400, 'title', createWebinar(webinarBody({ title: 'Nul\u0000here' }))),
  refuse('a webinar of 0 minutes', 400, 'duration_minutes', createWebinar(webinarBody({ duration_minutes: 0 }))),
  refuse('a webinar of 1.5 minutes', 400, 'duration_minutes', createWebinar(webinarBody({ duration_minutes: 1.5 }))),
  refuse('a webinar longer than a day', 400, 'duration_minutes', createWebinar(webinarBody({ duration_minutes: 1441 }))),
  refuse('a webinar hosted by a student', 400, 'host_id', as('admin', () => ({ method: 'POST', url: '/api/webinars/', payload: webinarBody({ host_id: student.id }) }))),
  refuse('a webinar hosted by nobody', 400, 'host_id', createWebinar(webinarBody({ host_id: UNKNOWN }), 'admin')),
  refuse('a webinar host id of 0', 400, 'host_id', createWebinar(webinarBody({ host_id: 0 }), 'admin')),
  refuse('a webinar host id past the id range', 400, 'host_id', createWebinar(webinarBody({ host_id: 99999999999 }), 'admin')),
  refuse('a host naming someone else as host', 403, undefined, as('host', () => ({ method: 'POST', url: '/api/webinars/', payload: webinarBody({ host_id: otherHost.id }) }))),
  refuse('webinars of an unknown status', 400, 'status', get('student', '/api/webinars/?status=cancelled')),
  refuse('webinars page 0', 400, 'page', get('student', '/api/webinars/?page=0')),
  refuse('webinars 101 to a page', 400, 'page_size', get('student', '/api/webinars/?page_size=101')),
  refuse('a notification of an unknown type', 400, 'notification_type', sendNotification({ everyone: true, notification_type: 'newsletter' })),
  refuse('a notification to an unknown role', 400, 'role', sendNotification({ role: 'superuser' })),
  refuse('a notification to no user ids', 400, 'user_ids', sendNotification({ user_ids: [] })),
  refuse('a notification to both users and a role', 400, 'recipients', sendNotification({ user_ids: [UNKNOWN], role: 'host' })),
  refuse('a notification about an unknown webinar', 400, 'webinar_id', sendNotification({ everyone: true, webinar_id: UNKNOWN })),
  refuse('a notification to a user id past the id range', 400, 'user_ids.0', sendNotification({ user_ids: [99999999999] })),
  refuse('notifications of a user id past the id range', 400, 'user', get('admin', '/api/admin/notifications/?user=99999999999')),
  refuse('notifications searched for a NUL character', 400, 'search', get('admin', '/api/admin/notifications/?search=%00')),
  refuse('notifications in an unknown order', 400, 'ordering', get('admin', '/api/admin/notifications/?ordering=random')),
  refuse('muting system messages', 400, 'system', as('student', () => ({ method: 'PUT', url: PREFERENCES, payload: { system: false } }))),
  refuse('muting an unknown type', 400, 'newsletter', as('student', () => ({ method: 'PUT', url: PREFERENCES, payload: { newsletter: false } }))),
  refuse('a preference given as a string', 400, 'live_started', as('student', () => ({ method: 'PUT', url: PREFERENCES, payload: { live_started: 'false' } }))),
  // Extra fields
  refuse('a webinar created with a status', 400, 'status', createWebinar(webinarBody({ status: 'live' }))),
  refuse('a webinar edited to another host', 400, 'host_id', editWebinar({ host_id: 1 })),
  refuse('an announcement with an author', 400, 'author_id', post('admin', ANNOUNCEMENTS, { title: 'T', content: 'C', author_id: 1 })),
  refuse('an announcement edited to be pinned', 400, 'pinned', as('admin', async () => ({ method: 'PATCH', url: `${ANNOUNCEMENTS}${await announcement()}/`, payload: { pinned: true } }))),
  refuse('a recording naming its webinar in the body', 400, 'webinar_id', addRecording({ title: 'T', url: 'https://video.example/1', webinar_id: 1 })),
  refuse('a notification created already read', 400, 'is_read', sendNotification({ everyone: true, is_read: true })),
  refuse('a notification moved to another user', 400, 'user_id', as('admin', async () => ({ method: 'PATCH', url: `/api/admin/notifications/${await notification()}/`, payload: { user_id: 1 } }))),
  // Bad ids
  refuse('a webinar id that is not a number', 400, 'id', get('student', '/api/webinars/abc/')),
  refuse('webinar id 0', 400, 'id', get('student', '/api/webinars/0/')),
  refuse('a negative webinar id', 400, 'id', get('student', '/api/webinars/-1/')),
  refuse('a webinar id past the id range', 400, 'id', get('admin', '/api/webinars/2147483648/')),
  refuse('starting a webinar id past the id range', 400, 'id', post('admin', '/api/live-sessions/9999999999/start/')),
  refuse('approving a registration id past the id range', 400, 'id', post('admin', '/api/registrations/9999999999/approve/')),
  refuse('an announcement id past the id range', 400, 'id', get('student', `${ANNOUNCEMENTS}9999999999/`)),
  // Unknown ids
  refuse('an unknown webinar', 404, undefined, get('student', `/api/webinars/${UNKNOWN}/`)),
  refuse('editing an unknown webinar', 404, undefined, as('host', () => ({ method: 'PATCH', url: `/api/webinars/${UNKNOWN}/`, payload: { title: 'T' } }))),
  refuse('deleting an unknown webinar', 404, undefined, as('admin', () => ({ method: 'DELETE', url: `/api/webinars/${UNKNOWN}/` }))),
  refuse('registering for an unknown webinar', 404, undefined, post('student', `/api/webinars/${UNKNOWN}/register/`)),
  refuse('the registrations of an unknown webinar', 404, undefined, get('admin', `/api/webinars/${UNKNOWN}/registrations/`)),
  refuse('approving an unknown registration', 404, undefined, post('admin', `/api/registrations/${UNKNOWN}/approve/`)),
  refuse('rejecting an unknown registration', 404, undefined, post('host', `/api/registrations/${UNKNOWN}/reject/`)),
  refuse('starting an unknown webinar', 404, undefined, post('admin', `/api/live-sessions/${UNKNOWN}/start/`)),
  refuse('joining an unknown webinar', 404, undefined, post('student', `/api/live-sessions/${UNKNOWN}/join/`)),
  refuse('ending an unknown webinar', 404, undefined, post('host', `/api/live-sessions/${UNKNOWN}/end/`)),
  refuse('an unknown announcement', 404, undefined, get('student', `${ANNOUNCEMENTS}${UNKNOWN}/`)),
  refuse('editing an unknown announcement', 404, undefined, as('admin', () => ({ method: 'PATCH', url: `${ANNOUNCEMENTS}${UNKNOWN}/`, payload: { title: 'T' } }))),
  refuse('deleting an unknown announcement', 404, undefined, as('admin', () => ({ method: 'DELETE', url: `${ANNOUNCEMENTS}${UNKNOWN}/` }))),
  refuse('a recording for an unknown webinar', 404, undefined, post('admin', `/api/webinars/${UNKNOWN}/recordings/`, { title: 'T', url: 'https://v.example/1' })),
  refuse('the recordings of an unknown webinar', 404, undefined, get('student', `/api/webinars/${UNKNOWN}/recordings/`)),
  refuse('a reminder for an unknown webinar', 404, undefined, post('admin', `/api/webinars/${UNKNOWN}/remind/`)),
  refuse('an unknown notification', 404, undefined, get('admin', '/api/admin/notifications/999999999999/')),
  refuse('editing an unknown notification', 404, undefined, as('admin', () => ({ method: 'PATCH', url: '/api/admin/notifications/999999999999/', payload: { is_read: true } }))),
  refuse('deleting an unknown notification', 404, undefined, as('admin', () => ({ method: 'DELETE', url: '/api/admin/notifications/999999999999/' }))),
  // The wrong state
  refuse('registering twice', 409, undefined, inState('student', (id) => `/api/webinars/${id}/register/`, registeredStudent)),
  refuse('registering for an ended webinar', 409, undefined, inState('student', (id) => `/api/webinars/${id}/register/`, endedWebinar)),
  refuse('starting a live webinar', 409, undefined, inState('host', (id) => `/api/live-sessions/${id}/start/`, liveWebinar)),
  refuse('starting an ended webinar', 409, undefined, inState('admin', (id) => `/api/live-sessions/${id}/start/`, endedWebinar)),
  refuse('joining a webinar that is not live yet', 409, undefined, inState('host', (id) => `/api/live-sessions/${id}/join/`, webinar)),
  refuse('ending a webinar that is not live', 409, undefined, inState('host', (id) => `/api/live-sessions/${id}/end/`, webinar)),
  refuse('ending an ended webinar', 409, undefined, inState('admin', (id) => `/api/live-sessions/${id}/end/`, endedWebinar)),
  refuse('reminding of a live webinar', 409, undefined, inState('admin', (id) => `/api/webinars/${id}/remind/`, liveWebinar)),
];

describe('requests the platform refuses', () => {
  it.each(titled(REFUSALS, (r) => `${r.what} (as ${r.actor}) → ${r.status}`))(
    '%s',
    async (_title, { actor, request, status, field }) => {
      const response = await send(actor, await request());
      expect(response.statusCode, response.body).toBe(status);
      const { error } = response.json();
      const code = { 403: 'forbidden', 404: 'not_found', 409: 'conflict' }[status as 403 | 404 | 409];
      if (code) expect(error.code).toBe(code);
      if (field) expect(Object.keys(error.fields ?? {})).toContain(field);
    },
  );
});
