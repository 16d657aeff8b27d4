// Bad input anywhere in the API: every numeric query parameter and path id the OpenAPI document
// lists, NUL characters, text that is not UTF-8 or not Unicode, and bodies of the wrong media
// type. Each is a 4xx in the error shape, and no table changes.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../test/helpers/app.ts';

let ctx: TestContext;
let admin: TestUser;
let webinarId: number;

interface Operation {
  method: string;
  path: string;
  parameters?: Array<{ in: string; name: string; schema: { type?: string } }>;
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

let operations: Operation[];

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.buildUser({ role: 'admin' });
  webinarId = await ctx.buildWebinar(admin.id);
  const document = ctx.app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ ...operation, method, path })),
  );
});
afterAll(() => ctx.close());

const TABLES = [
  'users',
  'sessions',
  'webinars',
  'registrations',
  'live_sessions',
  'announcements',
  'recordings',
  'notification_events',
  'notifications',
  'notification_preferences',
  'notification_read_marks',
] as const;

/** Every row of the tables a request could change, as text. */
async function snapshot(): Promise<Record<string, string>> {
  const entries = await Promise.all(
    TABLES.map(async (table) => {
      const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(
        ctx.database.db,
      );
      return [
        table,
        rows
          .map((r) => r.row)
          .sort()
          .join('\n'),
      ] as const;
    }),
  );
  return Object.fromEntries(entries);
}

async function expectRefused(
  options: InjectOptions,
  status: number,
  code: string,
  field?: string,
): Promise<LightMyRequestResponse> {
  const before = await snapshot();
  const response = await ctx.as(admin, options);
  const what = `${options.method ?? 'GET'} ${options.url}: ${response.body}`;
  expect(response.statusCode, what).toBe(status);
  expect(response.headers['content-type'], what).toMatch(/^application\/json/);
  const body = response.json();
  expect(Object.keys(body), what).toEqual(['error']);
  expect(body.error.code, what).toBe(code);
  if (field) expect(body.error.fields, what).toHaveProperty([field]);
  expect(await snapshot(), what).toEqual(before);
  return response;
}

const BAD_INTEGERS = [
  '1e999',
  'Infinity',
  '-Infinity',
  'NaN',
  '1e1',
  '0x10',
  '0b1',
  '%201',
  '1%20',
  '+1',
  '01',
  '1.0',
  '-1',
  '9223372036854775808',
  '99999999999999999999999',
  '',
];

describe('numbers in query strings', () => {
  const integerParameters = () =>
    operations.flatMap((operation) =>
      (operation.parameters ?? [])
        .filter((p) => p.in === 'query' && p.schema.type === 'integer')
        .map((p) => ({ operation, name: p.name })),
    );

  it('covers every numbered list', () => {
    const names = integerParameters().map(({ operation, name }) => `${operation.path}?${name}`);
    for (const list of [
      '/api/webinars/',
      '/api/registrations/',
      '/api/webinars/{id}/registrations/',
      '/api/recordings/',
      '/api/webinars/{id}/recordings/',
      '/api/communications/announcements/',
      '/api/admin/notifications/',
    ]) {
      expect(names).toContain(`${list}?page`);
      expect(names).toContain(`${list}?page_size`);
    }
    expect(names).toContain('/api/communications/notifications/?page_size');
    expect(names).toContain('/api/admin/notifications/?user');
  });

  it('refuses an integer that is not plain decimal digits, or out of range, with 400 naming it', async () => {
    for (const { operation, name } of integerParameters()) {
      const path = operation.path.replace('{id}', String(webinarId));
      for (const value of BAD_INTEGERS) {
        await expectRefused(
          { method: operation.method as InjectOptions['method'], url: `${path}?${name}=${value}` },
          400,
          'validation_error',
          name,
        );
      }
    }
  });

  it('still takes plain decimal integers', async () => {
    for (const url of ['/api/webinars/?page=1&page_size=100', '/api/admin/notifications/?page=100000']) {
      const response = await ctx.as(admin, { url });
      expect(response.statusCode, response.body).toBe(200);
    }
  });
});

describe('ids in paths', () => {
  it.each(['1e999', 'Infinity', '-1', '0', '9223372036854775808', '0x10', '%201', '1.0', '%00'])(
    'refuses id %s on every route with 400',
    async (id) => {
      const withId = operations.filter((operation) => operation.path.includes('{id}'));
      expect(withId.length).toBeGreaterThan(15);
      for (const operation of withId) {
        await expectRefused(
          { method: operation.method as InjectOptions['method'], url: operation.path.replace('{id}', id) },
          400,
          'validation_error',
          'id',
        );
      }
    },
  );
});

const json = (url: string, payload: string | Buffer, method: InjectOptions['method'] = 'POST') => ({
  method,
  url,
  payload,
  headers: { 'content-type': 'application/json' },
});
const ANNOUNCEMENTS = '/api/communications/announcements/';

describe('text the database cannot keep', () => {
  it.each(['/api/auth/token/', '/api/auth/login/'])(
    'refuses a NUL in the sign-in at %s with 400',
    async (url) => {
      const user = await ctx.buildUser();
      for (const payload of [
        { username: `${user.username}\u0000`, password: 'whatever' },
        { username: 'a\u0000b', password: 'whatever' },
        { username: user.username, password: 'pass\u0000word' },
      ]) {
        const field = payload.username.includes('\u0000') ? 'username' : 'password';
        await expectRefused({ method: 'POST', url, payload }, 400, 'validation_error', field);
      }
    },
  );

  it('refuses a NUL in any string of a body, naming the field', async () => {
    const recordings = `/api/webinars/${webinarId}/recordings/`;
    const cases: Array<[InjectOptions, string]> = [
      [{ method: 'POST', url: ANNOUNCEMENTS, payload: { title: 'Nul\u0000', content: 'c' } }, 'title'],
      [
        {
          method: 'POST',
          url: '/api/webinars/',
          payload: { title: 'T', description: '\u0000', starts_at: '2031-01-01T00:00:00Z' },
        },
        'description',
      ],
      [{ method: 'PATCH', url: `/api/webinars/${webinarId}/`, payload: { title: '\u0000' } }, 'title'],
      [{ method: 'POST', url: recordings, payload: { title: 'T', url: 'https://v.example/\u0000' } }, 'url'],
      [
        {
          method: 'POST',
          url: '/api/admin/notifications/',
          payload: { everyone: true, notification_type: 'system', title: 'T', content: 'a\u0000' },
        },
        'content',
      ],
      [{ method: 'POST', url: '/api/auth/token/refresh/', payload: { refresh: 'x\u0000' } }, 'refresh'],
    ];
    for (const [options, field] of cases) await expectRefused(options, 400, 'validation_error', field);
  });

  it('refuses a NUL in a key of a body or in a query string', async () => {
    await expectRefused(
      json(ANNOUNCEMENTS, '{"title":"T","content":"C","x\\u0000":1}'),
      400,
      'validation_error',
      'x\u0000',
    );
    await expectRefused({ url: '/api/admin/notifications/?search=a%00b' }, 400, 'validation_error', 'search');
  });
});

describe('bodies that are not UTF-8 or not Unicode', () => {
  const bytes = (...parts: Array<string | number[]>) =>
    Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

  it.each([
    ['a byte that is never UTF-8', [0xff, 0xfe, 0xfd]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an overlong NUL', [0xc0, 0x80]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a continuation byte alone', [0x80]],
  ])('refuses %s in a body with 400 invalid_json', async (_, raw) => {
    await expectRefused(
      json(ANNOUNCEMENTS, bytes('{"title":"', raw, '(","content":"C"}')),
      400,
      'invalid_json',
    );
    await expectRefused(
      json('/api/auth/token/', bytes('{"username":"', raw, '","password":"p"}')),
      400,
      'invalid_json',
    );
  });

  it.each([
    ['a high surrogate alone', '\\ud800'],
    ['a low surrogate alone', '\\udc00'],
    ['a pair in the wrong order', '\\udc00\\ud800'],
    ['a high surrogate at the end', 'abc\\udbff'],
  ])('refuses %s as a JSON escape with 400 naming the field', async (_, escaped) => {
    await expectRefused(
      json(ANNOUNCEMENTS, `{"title":"${escaped}","content":"C"}`),
      400,
      'validation_error',
      'title',
    );
    await expectRefused(
      json(
        '/api/admin/notifications/',
        `{"user_ids":[${admin.id}],"notification_type":"system","title":"T","content":"${escaped}"}`,
      ),
      400,
      'validation_error',
      'content',
    );
  });

  it('keeps characters outside the BMP, escaped or not', async () => {
    const response = await ctx.as(
      admin,
      json(ANNOUNCEMENTS, '{"title":"Party \\ud83c\\udf89 🎉","content":"Ünïcödé"}'),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().announcement.title).toBe('Party 🎉 🎉');
    expect(response.json().announcement.content).toBe('Ünïcödé');
  });
});

describe('media types', () => {
  const withBody = () =>
    operations.filter((operation) => ['post', 'put', 'patch', 'delete'].includes(operation.method));

  it('answers JSON sent as text/plain with 415 on every route that takes a body', async () => {
    expect(withBody().length).toBeGreaterThan(10);
    for (const operation of withBody()) {
      await expectRefused(
        {
          method: operation.method as InjectOptions['method'],
          url: operation.path.replace('{id}', String(webinarId)),
          payload: '{"title":"T","content":"C"}',
          headers: { 'content-type': 'text/plain' },
        },
        415,
        'unsupported_media_type',
      );
    }
  });

  it('documents 413 and 415 on every route that takes a body', () => {
    for (const operation of withBody()) {
      expect(Object.keys(operation.responses), `${operation.method} ${operation.path}`).toEqual(
        expect.arrayContaining(['413', '415']),
      );
    }
  });

  it('documents the live stream as text/event-stream', () => {
    const stream = operations.find((o) => o.path === '/api/communications/notifications/stream/');
    expect(Object.keys(stream?.responses['200']?.content ?? {})).toEqual(['text/event-stream']);
  });
});
