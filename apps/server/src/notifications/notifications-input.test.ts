import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, simple, type TestContext, type TestUser } from '../../test/helpers/app.ts';

const BASE = '/api/communications/notifications/';
const PREFS = `${BASE}preferences/`;
const MARK_ALL = `${BASE}mark-all-read/`;

let ctx: TestContext;
let user: TestUser;
/** One of the user's unread notifications. */
let unreadId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  user = await ctx.buildUser();
  const other = await ctx.buildUser();
  for (let i = 0; i < 4; i++) {
    ctx.clock.advance(1000);
    await ctx.notify(simple('announcement', [user.id, other.id], `Input ${i}`));
  }
  const rows = await ctx.database.db
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', user.id)
    .orderBy('id')
    .execute();
  const readResponse = await ctx.as(user, { method: 'POST', url: `${BASE}${rows[0]!.id}/mark-read/` });
  expect(readResponse.statusCode).toBe(200);
  unreadId = rows[1]!.id;
});
afterAll(() => ctx.close());

/** Everything a bad request could have changed: every notification and every preference. */
async function snapshot() {
  const db = ctx.database.db;
  const [notifications, preferences, unread] = await Promise.all([
    db
      .selectFrom('notifications')
      .select(['id', 'user_id', 'is_read', 'read_at', 'title'])
      .orderBy('id')
      .execute(),
    db
      .selectFrom('notification_preferences')
      .selectAll()
      .orderBy('user_id')
      .orderBy('notification_type')
      .execute(),
    ctx.as(user, { url: `${BASE}unread-count/` }).then((r) => r.json()),
  ]);
  return { notifications, preferences, unread };
}

/** Sends the request and checks it gets the documented error and leaves every row as it was. */
async function expectRejected(
  options: InjectOptions,
  status: number,
  code: string,
): Promise<{ response: LightMyRequestResponse; fields: Record<string, string> | undefined }> {
  const before = await snapshot();
  const response = await ctx.as(user, options);
  expect(response.statusCode, `${options.method ?? 'GET'} ${options.url}: ${response.body}`).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  // No internals: no stack frames, no source paths, no framework error codes.
  expect(response.body).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|"stack"|FST_/);
  expect(await snapshot()).toEqual(before);
  return { response, fields: body.error.fields };
}

const json = (payload: string) => ({ payload, headers: { 'content-type': 'application/json' } });
const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

describe('bodies that are not the JSON the endpoint takes', () => {
  it('refuses malformed JSON with invalid_json, wherever it is sent', async () => {
    await expectRejected(
      { method: 'PUT', url: PREFS, ...json('{"announcement": false') },
      400,
      'invalid_json',
    );
    await expectRejected(
      { method: 'PUT', url: PREFS, ...json("{'announcement': false}") },
      400,
      'invalid_json',
    );
    await expectRejected({ method: 'POST', url: MARK_ALL, ...json('{') }, 400, 'invalid_json');
    await expectRejected(
      { method: 'POST', url: `${BASE}${unreadId}/mark-read/`, ...json('nope') },
      400,
      'invalid_json',
    );
  });

  it('refuses a JSON body that tries to set __proto__', async () => {
    await expectRejected(
      { method: 'PUT', url: PREFS, ...json('{"__proto__": {"announcement": false}}') },
      400,
      'invalid_json',
    );
  });

  it.each([
    ['a string', 'false'],
    ['a number', 0],
    ['one', 1],
    ['null', null],
    ['an array', [false]],
    ['an object', {}],
  ])('refuses %s where a preference needs true or false', async (_, value) => {
    const { fields } = await expectRejected(
      { method: 'PUT', url: PREFS, payload: { announcement: value } },
      400,
      'validation_error',
    );
    expect(fields).toHaveProperty('announcement');
  });

  it.each([
    ['an array', '[]'],
    ['null', 'null'],
    ['a string', '"announcement"'],
    ['a number', '42'],
    ['an empty object', '{}'],
  ])('refuses %s as the preferences body', async (_, payload) => {
    await expectRejected({ method: 'PUT', url: PREFS, ...json(payload) }, 400, 'validation_error');
  });

  it('refuses an unknown preference, even next to a valid one', async () => {
    const alone = await expectRejected(
      { method: 'PUT', url: PREFS, payload: { webinar_reminders: false } },
      400,
      'validation_error',
    );
    expect(alone.fields).toEqual({ webinar_reminders: 'is not allowed' });
    const mixed = await expectRejected(
      { method: 'PUT', url: PREFS, payload: { announcement: false, bogus: true } },
      400,
      'validation_error',
    );
    expect(mixed.fields).toEqual({ bogus: 'is not allowed' });
  });

  it('refuses to mute system notifications, and then mutes nothing else either', async () => {
    for (const payload of [{ system: false }, { announcement: false, system: false, live_started: false }]) {
      const { fields } = await expectRejected(
        { method: 'PUT', url: PREFS, payload },
        400,
        'validation_error',
      );
      expect(fields).toEqual({ system: 'cannot be muted' });
    }
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const padding = 'x'.repeat(65 * 1024);
    await expectRejected(
      { method: 'PUT', url: PREFS, payload: { announcement: false, padding } },
      413,
      'payload_too_large',
    );
    await expectRejected({ method: 'POST', url: MARK_ALL, payload: { padding } }, 413, 'payload_too_large');
  });

  it.each([
    ['application/xml', '<announcement>false</announcement>'],
    ['application/x-www-form-urlencoded', 'announcement=false'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--'],
  ])('refuses a %s body with 415', async (type, payload) => {
    const headers = { 'content-type': type };
    await expectRejected({ method: 'PUT', url: PREFS, payload, headers }, 415, 'unsupported_media_type');
    await expectRejected({ method: 'POST', url: MARK_ALL, payload, headers }, 415, 'unsupported_media_type');
  });
});

describe('notification ids in the path', () => {
  const endpoints = (id: string): InjectOptions[] => [
    { method: 'GET', url: `${BASE}${id}/` },
    { method: 'POST', url: `${BASE}${id}/mark-read/` },
    { method: 'POST', url: `${BASE}${id}/mark-unread/` },
    { method: 'DELETE', url: `${BASE}${id}/` },
  ];

  it('answers 404 for an id that does not exist', async () => {
    for (const options of endpoints('987654')) {
      const { response } = await expectRejected(options, 404, 'not_found');
      expect(response.json().error.message).toBe('Notification not found.');
    }
  });

  it.each([
    ['non-numeric', 'abc'],
    ['negative', '-1'],
    ['zero', '0'],
    ['fractional', '1.5'],
    ['exponent', '1e3'],
    ['zero-padded', '01'],
    ['hexadecimal', '0x10'],
    ['huge', '99999999999999999999'],
    ['beyond exact integers', '9007199254740993'],
  ])('answers 400 for a %s id', async (_, id) => {
    for (const options of endpoints(id)) {
      const { fields } = await expectRejected(options, 400, 'validation_error');
      expect(fields).toHaveProperty('id');
    }
  });

  it('answers 400 in the usual shape for a path the router cannot read', async () => {
    for (const options of endpoints('%ff')) await expectRejected(options, 400, 'bad_request');
    // Longer than any path segment the router reads (app.ts: maxParamLength).
    for (const options of endpoints('1'.repeat(2001))) await expectRejected(options, 400, 'bad_request');
    await expectRejected({ url: '/api/%E0%A4%A/' }, 400, 'bad_request');
  });
});

describe('list query parameters', () => {
  it.each(['0', '101', 'x', '-1', '1.5', ''])('refuses page_size=%s', async (value) => {
    const { fields } = await expectRejected({ url: `${BASE}?page_size=${value}` }, 400, 'validation_error');
    expect(fields).toHaveProperty('page_size');
  });

  it.each(['nonsense', 'SYSTEM', 'live-started', ''])('refuses type=%s', async (value) => {
    const { fields } = await expectRejected({ url: `${BASE}?type=${value}` }, 400, 'validation_error');
    expect(fields).toHaveProperty('type');
  });

  it('refuses two types at once', async () => {
    const { fields } = await expectRejected(
      { url: `${BASE}?type=system&type=announcement` },
      400,
      'validation_error',
    );
    expect(fields).toHaveProperty('type');
  });

  it.each(['maybe', 'yes', '1', ''])('refuses unread=%s', async (value) => {
    const { fields } = await expectRejected({ url: `${BASE}?unread=${value}` }, 400, 'validation_error');
    expect(fields).toHaveProperty('unread');
  });

  it('refuses a garbage or forged cursor with fields.cursor', async () => {
    const valid = (await ctx.as(user, { url: `${BASE}?page_size=1` })).json().next_cursor as string;
    expect((await ctx.as(user, { url: `${BASE}?cursor=${valid}` })).statusCode).toBe(200);
    const bad = [
      'not a cursor',
      'garbage!!',
      `${valid}!!`,
      `${valid}==`,
      `${valid}AAAA`,
      cursorOf('abc:def'),
      cursorOf('1700000000000'),
      cursorOf('1700000000000:0'),
      cursorOf('1700000000000:-5'),
      cursorOf('1700000000000:5:6'),
      cursorOf('-1700000000000:5'),
      cursorOf(' 1700000000000:5'),
      cursorOf('1700000000000:99999999999999999'),
      cursorOf('999999999999999:5'),
      cursorOf('253402300800000:5'),
      'A'.repeat(201),
    ];
    for (const cursor of bad) {
      const { fields } = await expectRejected(
        { url: `${BASE}?cursor=${encodeURIComponent(cursor)}` },
        400,
        'validation_error',
      );
      expect(fields, cursor).toHaveProperty('cursor');
    }
  });
});

describe('paths and methods', () => {
  it.each([
    ['PATCH', ':id/', 'DELETE, GET'],
    ['PUT', ':id/', 'DELETE, GET'],
    ['POST', ':id/', 'DELETE, GET'],
    ['PUT', '', 'GET'],
    ['DELETE', '', 'GET'],
    ['POST', 'recent/', 'GET'],
    ['DELETE', 'recent/', 'GET'],
    ['POST', 'unread-count/', 'GET'],
    ['DELETE', 'unread-count/', 'GET'],
    ['GET', 'mark-all-read/', 'POST'],
    ['DELETE', 'mark-all-read/', 'POST'],
    ['DELETE', 'preferences/', 'GET, PUT'],
    ['POST', 'preferences/', 'GET, PUT'],
    ['GET', ':id/mark-read/', 'POST'],
    ['DELETE', ':id/mark-unread/', 'POST'],
  ])('answers %s on %s with 405 and the allowed methods', async (method, path, allowed) => {
    const url = `${BASE}${path.replace(':id', String(unreadId))}`;
    const { response } = await expectRejected(
      { method: method as InjectOptions['method'], url },
      405,
      'method_not_allowed',
    );
    const allow = String(response.headers.allow).split(/,\s*/).sort().join(', ');
    expect(allow).toBe(allowed);
  });

  it.each([
    ['GET', `${BASE}:id/snooze/`],
    ['POST', `${BASE}:id/snooze/`],
    ['GET', `${BASE}recent/extra/`],
    ['GET', '/api/communications/'],
    ['GET', '/api/communications/messages/'],
    ['DELETE', '/api/nothing-here/'],
  ])('answers %s on the unknown path %s with 404 in the error shape', async (method, path) => {
    const url = path.replace(':id', String(unreadId));
    const { response } = await expectRejected(
      { method: method as InjectOptions['method'], url },
      404,
      'not_found',
    );
    expect(response.json().error.message).toContain(url);
  });
});

describe('without signing in', () => {
  it('changes nothing and answers 401', async () => {
    const before = await snapshot();
    for (const options of [
      { method: 'POST', url: MARK_ALL },
      { method: 'POST', url: `${BASE}${unreadId}/mark-read/` },
      { method: 'DELETE', url: `${BASE}${unreadId}/` },
      { method: 'PUT', url: PREFS, payload: { announcement: false } },
    ] as InjectOptions[]) {
      const response = await ctx.app.inject(options);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('unauthorized');
    }
    expect(await snapshot()).toEqual(before);
  });
});
