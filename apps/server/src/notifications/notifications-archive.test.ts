// Archive: a notification leaves the inbox (the list, the bell's recent ones, the unread count),
// is listed under archived=true, stays readable by id, and comes back with unarchive or by being
// marked unread. Only its owner can do either.
import type { Notification } from '@webinar/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, simple, type TestContext, type TestUser } from '../../test/helpers/app.ts';

const BASE = '/api/communications/notifications/';

let ctx: TestContext;
let alice: TestUser;
let ids: number[];

beforeAll(async () => {
  ctx = await createTestContext();
  alice = await ctx.buildUser();
  for (const title of ['First', 'Second', 'Third']) {
    ctx.clock.advance(1000);
    await ctx.notify(simple('announcement', [alice.id], title));
  }
  ids = (await get<{ results: Notification[] }>(`${BASE}?page_size=10`)).results.map((n) => n.id);
});
afterAll(() => ctx.close());

async function get<T>(url: string): Promise<T> {
  const response = await ctx.as(alice, { url });
  expect(response.statusCode, url).toBe(200);
  return response.json() as T;
}

async function post(url: string) {
  return ctx.as(alice, { method: 'POST', url });
}

const titles = (page: { results: Notification[] }) => page.results.map((n) => n.title);

it('takes an archived notification out of the inbox, the recent ones and the unread count', async () => {
  const [third] = ids as [number];
  expect(await get(`${BASE}unread-count/`)).toEqual({ unread_count: 3 });

  const archived = await post(`${BASE}${third}/archive/`);
  expect(archived.statusCode).toBe(200);
  const body = archived.json() as Notification;
  expect(body).toMatchObject({ id: third, title: 'Third', is_read: true });
  expect(body.archived_at).toBe(ctx.clock.now().toISOString());
  expect(body.read_at).toBe(ctx.clock.now().toISOString());
  // The change's version, so a client is never answered from an older state.
  expect(Number(archived.headers['notifications-version'])).toBeGreaterThan(0);

  expect(titles(await get(`${BASE}`))).toEqual(['Second', 'First']);
  expect(titles(await get(`${BASE}recent/`))).toEqual(['Second', 'First']);
  expect(titles(await get(`${BASE}?archived=true`))).toEqual(['Third']);
  expect(titles(await get(`${BASE}?archived=false`))).toEqual(['Second', 'First']);
  expect(await get(`${BASE}unread-count/`)).toEqual({ unread_count: 2 });
  expect(await get(`${BASE}${third}/`)).toMatchObject({ archived_at: body.archived_at });
});

it('restores an archived notification to the inbox, still read', async () => {
  const [third] = ids as [number];
  const restored = await post(`${BASE}${third}/unarchive/`);
  expect(restored.statusCode).toBe(200);
  expect(restored.json()).toMatchObject({ id: third, is_read: true, archived_at: null });
  expect(titles(await get(`${BASE}`))).toEqual(['Third', 'Second', 'First']);
  expect((await get<{ results: Notification[] }>(`${BASE}?archived=true`)).results).toEqual([]);
  expect(await get(`${BASE}unread-count/`)).toEqual({ unread_count: 2 });
});

it('brings a notification back to the inbox when it is marked unread', async () => {
  const [, second] = ids as [number, number];
  expect((await post(`${BASE}${second}/archive/`)).statusCode).toBe(200);
  const unread = await post(`${BASE}${second}/mark-unread/`);
  expect(unread.statusCode).toBe(200);
  expect(unread.json()).toMatchObject({ is_read: false, archived_at: null });
  expect(titles(await get(`${BASE}?unread=true`))).toContain('Second');
  expect((await get<{ results: Notification[] }>(`${BASE}?archived=true`)).results).toEqual([]);
});

it('keeps the time a read mark gave a row it archives', async () => {
  const [, , first] = ids as [number, number, number];
  const markedAt = ctx.clock.now().toISOString();
  expect((await post(`${BASE}mark-all-read/`)).statusCode).toBe(200);
  ctx.clock.advance(60_000);
  const archived = (await post(`${BASE}${first}/archive/`)).json() as Notification;
  expect(archived.read_at).toBe(markedAt);
  expect(archived.archived_at).toBe(ctx.clock.now().toISOString());
  expect((await post(`${BASE}${first}/unarchive/`)).statusCode).toBe(200);
});

it('answers 404 for an id that is not one of hers and 400 for one that is not an id', async () => {
  expect((await post(`${BASE}987654321/archive/`)).statusCode).toBe(404);
  expect((await post(`${BASE}987654321/unarchive/`)).statusCode).toBe(404);
  expect((await post(`${BASE}abc/archive/`)).statusCode).toBe(400);
  expect((await ctx.as(alice, { url: `${BASE}?archived=maybe` })).statusCode).toBe(400);
});

it('refuses a cookie session without its CSRF token, and changes nothing', async () => {
  const session = await ctx.signIn(alice.username);
  const [third] = ids as [number];
  const refused = await session.request({ method: 'POST', url: `${BASE}${third}/archive/` }, false);
  expect(refused.statusCode).toBe(403);
  expect(await get(`${BASE}${third}/`)).toMatchObject({ archived_at: null });
  const allowed = await session.request({ method: 'POST', url: `${BASE}${third}/archive/` });
  expect(allowed.statusCode).toBe(200);
});
