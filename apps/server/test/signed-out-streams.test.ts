// What ends a user's access ends it at once, open live streams included: signing out (every tab of
// that session), the token or session expiring, and an operator changing the user's password or
// role or deleting them. A role change applies to the next request, even with an older token.
import type { AddressInfo } from 'node:net';
import type { Notification } from '@webinar/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changePassword, changeRole, deleteUser } from '../src/users/users.service.ts';
import {
  type CookieSession,
  createTestContext,
  simple,
  TEST_PASSWORD,
  type TestContext,
  type TestUser,
} from './helpers/app.ts';
import { dataOf, endsWithin, openStream, type SseEvent, type SseStream } from './helpers/sse.ts';

const STREAM = '/api/communications/notifications/stream/';
const ADMIN_LIST = '/api/admin/notifications/';

let ctx: TestContext;
let origin: string;
const opened: SseStream[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ loginRateLimit: 1000 });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
});
afterEach(() => {
  for (const stream of opened.splice(0)) stream.close();
});
afterAll(() => ctx.close());

const users = () => ({ db: ctx.database.db, bus: ctx.bus });

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

function cookieOf(session: CookieSession): Record<string, string> {
  return {
    cookie: Object.entries(session.cookies)
      .map(([name, value]) => `${name}=${value}`)
      .join('; '),
  };
}

/** An open stream, past its first event (the unread count). */
async function connect(headers: Record<string, string>): Promise<SseStream> {
  const stream = await openStream(`${origin}${STREAM}`, { headers });
  opened.push(stream);
  expect(stream.status).toBe(200);
  expect((await stream.next()).event).toBe('unread_count');
  return stream;
}

async function stillOpen(stream: SseStream): Promise<boolean> {
  return !(await endsWithin(stream, 200));
}

const titles = (events: SseEvent[]) =>
  events.filter((e) => e.event === 'notification').map((e) => dataOf<Notification>(e).title);

async function tokenPair(user: TestUser, password = TEST_PASSWORD) {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/token/',
    payload: { username: user.username, password },
  });
  return { status: response.statusCode, ...(response.json() as { access: string; refresh: string }) };
}

describe('signing out', () => {
  it("ends every stream of that session at once and sends it nothing after; another session's stays", async () => {
    const user = await ctx.buildUser();
    const laptop = await ctx.signIn(user.username);
    const phone = await ctx.signIn(user.username);
    const tabOne = await connect(cookieOf(laptop));
    const tabTwo = await connect(cookieOf(laptop));
    const onPhone = await connect(cookieOf(phone));

    expect((await laptop.request({ method: 'POST', url: '/api/auth/logout/' })).statusCode).toBe(204);
    expect(await endsWithin(tabTwo, 2000)).toBe(true);
    expect(await endsWithin(tabOne, 2000)).toBe(true);

    await ctx.notify(simple('system', [user.id], 'After signing out'));
    expect(titles(await onPhone.until((e) => e.event === 'notification'))).toContain('After signing out');
    expect(titles(tabOne.received)).toEqual([]);
    expect(titles(tabTwo.received)).toEqual([]);
    const again = await openStream(`${origin}${STREAM}`, { headers: cookieOf(laptop) });
    opened.push(again);
    expect(again.status).toBe(401);
  });
});

describe('expiry', () => {
  it('ends a bearer stream when its token expires, and a cookie stream when its session does', async () => {
    const user = await ctx.buildUser();
    const byToken = await connect(bearer(user.token));
    const byCookie = await connect(cookieOf(await ctx.signIn(user.username)));

    ctx.clock.advance(ctx.config.accessTokenTtlSeconds * 1000 - 1000);
    expect(await stillOpen(byToken)).toBe(true);
    ctx.clock.advance(1000);
    expect(await endsWithin(byToken, 2000)).toBe(true);
    expect(await stillOpen(byCookie)).toBe(true);
    const refused = await openStream(`${origin}${STREAM}`, { headers: bearer(user.token) });
    opened.push(refused);
    expect(refused.status).toBe(401);

    ctx.clock.advance(ctx.config.sessionTtlSeconds * 1000);
    expect(await endsWithin(byCookie, 2000)).toBe(true);
  });
});

describe('account changes', () => {
  it("applies a role change to the next request of an older token, and ends the user's streams", async () => {
    const admin = await ctx.buildUser({ role: 'admin' });
    const student = await ctx.buildUser();
    expect((await ctx.as(admin, { method: 'GET', url: ADMIN_LIST })).statusCode).toBe(200);
    expect((await ctx.as(student, { method: 'GET', url: ADMIN_LIST })).statusCode).toBe(403);
    const stream = await connect(bearer(admin.token));

    await changeRole(users(), admin.id, 'student');
    await changeRole(users(), student.id, 'admin');
    expect(await endsWithin(stream, 2000)).toBe(true);
    const demoted = await ctx.as(admin, { method: 'GET', url: ADMIN_LIST });
    expect(demoted.statusCode).toBe(403);
    expect(demoted.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await ctx.as(student, { method: 'GET', url: ADMIN_LIST })).statusCode).toBe(200);
    // Still signed in, as a student.
    expect((await ctx.as(admin, { method: 'GET', url: '/api/auth/me/' })).json()).toMatchObject({
      role: 'student',
    });
  });

  it('refuses tokens and sessions from before a password change, and ends their streams', async () => {
    const user = await ctx.buildUser();
    const pair = await tokenPair(user);
    const session = await ctx.signIn(user.username);
    const byToken = await connect(bearer(pair.access));
    const byCookie = await connect(cookieOf(session));

    await changePassword(users(), user.id, 'a-brand-new-password');
    expect(await endsWithin(byToken, 2000)).toBe(true);
    expect(await endsWithin(byCookie, 2000)).toBe(true);
    for (const token of [user.token, pair.access]) {
      const response = await ctx.app.inject({ method: 'GET', url: '/api/auth/me/', headers: bearer(token) });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'token_invalid' } });
    }
    const refreshed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/token/refresh/',
      payload: { refresh: pair.refresh },
    });
    expect(refreshed.statusCode).toBe(401);
    expect((await session.request({ method: 'GET', url: '/api/auth/me/' })).statusCode).toBe(401);
    expect((await tokenPair(user)).status).toBe(401);

    const fresh = await tokenPair(user, 'a-brand-new-password');
    expect(fresh.status).toBe(200);
    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me/', headers: bearer(fresh.access) });
    expect(me.statusCode).toBe(200);
  });

  it("refuses a deleted user's tokens and sessions and ends their streams; a host of webinars is kept", async () => {
    const user = await ctx.buildUser();
    const session = await ctx.signIn(user.username);
    const byToken = await connect(bearer(user.token));
    const byCookie = await connect(cookieOf(session));
    await ctx.notify(simple('system', [user.id], 'Before deletion'));
    await byToken.until((e) => e.event === 'notification');

    await deleteUser(users(), user.id);
    expect(await endsWithin(byToken, 2000)).toBe(true);
    expect(await endsWithin(byCookie, 2000)).toBe(true);
    expect((await ctx.as(user, { method: 'GET', url: '/api/auth/me/' })).statusCode).toBe(401);
    expect((await session.request({ method: 'GET', url: '/api/auth/me/' })).statusCode).toBe(401);
    const left = await ctx.database.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    expect(left).toEqual([]);

    const host = await ctx.buildUser({ role: 'host' });
    await ctx.buildWebinar(host.id);
    await expect(deleteUser(users(), host.id)).rejects.toMatchObject({ code: 'conflict' });
    expect((await ctx.as(host, { method: 'GET', url: '/api/auth/me/' })).statusCode).toBe(200);
  });
});
