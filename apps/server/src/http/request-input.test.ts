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
