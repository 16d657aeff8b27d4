import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../../test/helpers/app.ts';
import { DEVICE_COOKIE } from './device-cookie.ts';

const TOKEN = '/api/auth/token/';
const LOGIN = '/api/auth/login/';

interface Attempt {
  url?: string;
  username?: string;
  password?: string;
  /** The socket's address (the peer the server sees). */
  from?: string;
  forwardedFor?: string;
  device?: string;
}

function attempt(app: FastifyInstance, options: Attempt = {}): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: options.url ?? TOKEN,
    payload: { username: options.username ?? 'nobody', password: options.password ?? 'wrong-password' },
    remoteAddress: options.from ?? '127.0.0.1',
    headers: options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {},
    cookies: options.device ? { [DEVICE_COOKIE]: options.device } : {},
  });
}

function expectLimited(response: LightMyRequestResponse, retryAfterSeconds?: number) {
  expect(response.statusCode).toBe(429);
  expect(response.json().error.code).toBe('rate_limited');
  const retryAfter = Number(response.headers['retry-after']);
  if (retryAfterSeconds === undefined) expect(retryAfter).toBeGreaterThan(0);
  else expect(retryAfter).toBe(retryAfterSeconds);
}

function deviceCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === DEVICE_COOKIE);
  expect(cookie, 'a device cookie').toBeDefined();
  return cookie!.value;
}

describe('the sign-in limit per client address', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext({ loginRateLimit: 3, loginUserLimit: 1000 });
  });
  afterAll(() => ctx.close());

  it('is not escaped by writing another address in X-Forwarded-For when no proxy is trusted', async () => {
    const answers = [];
    for (let i = 0; i < 10; i++)
      answers.push(await attempt(ctx.app, { from: '192.0.2.1', forwardedFor: `203.0.113.${i}` }));
    expect(answers.slice(0, 3).map((r) => r.statusCode)).toEqual([401, 401, 401]);
    for (const limited of answers.slice(3)) expectLimited(limited, 60);
  });

  it('says when to try again, and lets the address try again once the minute is over', async () => {
    for (let i = 0; i < 3; i++) await attempt(ctx.app, { from: '192.0.2.2' });
    ctx.clock.advance(20_000);
    expectLimited(await attempt(ctx.app, { from: '192.0.2.2' }), 40);
    ctx.clock.advance(40_000);
    expect((await attempt(ctx.app, { from: '192.0.2.2' })).statusCode).toBe(401);
  });

  it('is one budget for /token/ and /login/', async () => {
    const from = '192.0.2.3';
    expect((await attempt(ctx.app, { from, url: TOKEN })).statusCode).toBe(401);
    expect((await attempt(ctx.app, { from, url: LOGIN })).statusCode).toBe(401);
    expect((await attempt(ctx.app, { from, url: TOKEN })).statusCode).toBe(401);
    expectLimited(await attempt(ctx.app, { from, url: LOGIN }));
    expectLimited(await attempt(ctx.app, { from, url: TOKEN }));
  });

  it('is one budget for every server process on the database', async () => {
    const other = await ctx.buildAnotherApp();
    const from = '192.0.2.4';
    expect((await attempt(ctx.app, { from })).statusCode).toBe(401);
    expect((await attempt(other, { from, url: LOGIN })).statusCode).toBe(401);
    expect((await attempt(ctx.app, { from })).statusCode).toBe(401);
    expectLimited(await attempt(other, { from }));
    expectLimited(await attempt(ctx.app, { from, url: LOGIN }));
  });

  it('counts an IPv6 client by its /64 network, which one client can fill with addresses', async () => {
    for (const from of ['2001:db8:1:2::1', '2001:db8:1:2::abcd', '2001:db8:1:2:ffff::9'])
      expect((await attempt(ctx.app, { from })).statusCode).toBe(401);
    expectLimited(await attempt(ctx.app, { from: '2001:db8:1:2::5' }));
    expect((await attempt(ctx.app, { from: '2001:db8:1:3::1' })).statusCode).toBe(401);
  });

  it('still lets a limited address refresh its tokens: a refresh token cannot be guessed', async () => {
    const user = await ctx.buildUser();
    const from = '192.0.2.5';
    const pair = await attempt(ctx.app, { from, username: user.username, password: TEST_PASSWORD });
    expect(pair.statusCode).toBe(200);
    for (let i = 0; i < 2; i++) await attempt(ctx.app, { from });
    expectLimited(await attempt(ctx.app, { from }));
    const refreshed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/token/refresh/',
      payload: { refresh: pair.json().refresh },
      remoteAddress: from,
    });
    expect(refreshed.statusCode).toBe(200);
  });

  it('deletes counts whose window is over instead of keeping them forever', async () => {
    const stored = async () =>
      (await ctx.database.db.selectFrom('sign_in_attempts').select('key').execute()).map((r) => r.key);
    expect((await stored()).length).toBeGreaterThan(5);
    ctx.clock.advance(2 * 3600_000);
    await attempt(ctx.app, { from: '192.0.2.6', username: 'someone' });
    expect((await stored()).sort()).toEqual(['address:192.0.2.6', 'username:someone']);
  });
});

describe('trusting a reverse proxy (TRUST_PROXY)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext({ loginRateLimit: 2, loginUserLimit: 1000, trustProxy: 1 });
  });
  afterAll(() => ctx.close());

  it("with a hop count, counts the client address the proxy forwarded, not the proxy's", async () => {
    const viaProxy = (client: string) => attempt(ctx.app, { from: '10.0.0.1', forwardedFor: client });
    expect((await viaProxy('198.51.100.7')).statusCode).toBe(401);
    expect((await viaProxy('198.51.100.7')).statusCode).toBe(401);
    expectLimited(await viaProxy('198.51.100.7'));
    expect((await viaProxy('198.51.100.8')).statusCode).toBe(401);
    // One hop: what the client itself wrote before the proxy's entry is not believed.
    expectLimited(await viaProxy('198.51.100.9, 198.51.100.7'));
  });

  it('with a list of proxy addresses, believes the header only from those proxies', async () => {
    const listed = await ctx.buildAnotherApp({ trustProxy: ['10.0.0.0/8'] });
    const fromProxy = (client: string) => attempt(listed, { from: '10.1.2.3', forwardedFor: client });
    expect((await fromProxy('198.51.100.20')).statusCode).toBe(401);
    expect((await fromProxy('198.51.100.20')).statusCode).toBe(401);
    expectLimited(await fromProxy('198.51.100.20'));
    expect((await fromProxy('198.51.100.21')).statusCode).toBe(401);
    // A client that is not a listed proxy is itself the address counted, whatever it writes.
    const direct = (written: string) => attempt(listed, { from: '192.0.2.50', forwardedFor: written });
    expect((await direct('198.51.100.30')).statusCode).toBe(401);
    expect((await direct('198.51.100.31')).statusCode).toBe(401);
    expectLimited(await direct('198.51.100.32'));
  });
});

describe('the sign-in limit per username', () => {
  let ctx: TestContext;
  /** An attacker with a new address for every guess, through a trusted proxy. */
  let guesses = 0;
  const guess = (username: string, password = 'wrong-password') =>
    attempt(ctx.app, { from: '10.0.0.1', forwardedFor: `203.0.113.${++guesses % 250}`, username, password });

  beforeAll(async () => {
    ctx = await createTestContext({ loginRateLimit: 1000, loginUserLimit: 3, trustProxy: 1 });
  });
  afterAll(() => ctx.close());

  const owner = (username: string, options: Attempt = {}) =>
    attempt(ctx.app, {
      from: '10.0.0.1',
      forwardedFor: '198.51.100.1',
      username,
      password: TEST_PASSWORD,
      ...options,
    });

  it('slows a guess from many addresses, while the owner still signs in on a device used before', async () => {
    const victim = await ctx.buildUser();
    const before = await owner(victim.username, { url: LOGIN });
    expect(before.statusCode).toBe(200);
    const device = deviceCookieOf(before);
    expect(before.cookies.find((c) => c.name === DEVICE_COOKIE)).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/auth/',
    });

    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await guess(victim.username));
    expect(answers.slice(0, 3).map((r) => r.statusCode)).toEqual([401, 401, 401]);
    for (const limited of answers.slice(3)) expectLimited(limited);
    // Even the right password gets no other answer, so the limit tells a guesser nothing.
    expectLimited(await guess(victim.username, TEST_PASSWORD));

    expect((await owner(victim.username, { device, url: LOGIN })).statusCode).toBe(200);
    expect((await owner(victim.username, { device, url: TOKEN })).statusCode).toBe(200);
    // A device never used for this account waits for the hour to end, like the guesser.
    expectLimited(await owner(victim.username));
    ctx.clock.advance(3600_000);
    expect((await owner(victim.username)).statusCode).toBe(200);
  });

  it('does not count sign-ins that succeed', async () => {
    const user = await ctx.buildUser();
    for (let i = 0; i < 6; i++) expect((await owner(user.username)).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) expect((await guess(user.username)).statusCode).toBe(401);
    expectLimited(await guess(user.username));
  });

  it('limits an unknown username the same way, so it tells no one which accounts exist', async () => {
    for (let i = 0; i < 3; i++) expect((await guess('no-such-user')).statusCode).toBe(401);
    expectLimited(await guess('no-such-user'));
  });

  it("exempts no one with another user's device cookie or a forged one", async () => {
    const [target, other] = [await ctx.buildUser(), await ctx.buildUser()];
    const othersDevice = deviceCookieOf(await owner(other.username));
    for (let i = 0; i < 3; i++) await guess(target.username);
    expectLimited(await owner(target.username, { device: othersDevice }));
    const [user, ...rest] = othersDevice.split('.');
    const claimed = Buffer.from(target.username).toString('base64url');
    expect(user).not.toBe(claimed);
    expectLimited(await owner(target.username, { device: [claimed, ...rest].join('.') }));
    expectLimited(await owner(target.username, { device: 'garbage' }));
  });

  it('counts the failures of each device on its own, so a stolen device cookie guesses no faster', async () => {
    const user = await ctx.buildUser();
    const device = deviceCookieOf(await owner(user.username));
    const withDevice = (password: string) => owner(user.username, { device, password });
    for (let i = 0; i < 3; i++) expect((await withDevice('wrong-password')).statusCode).toBe(401);
    expectLimited(await withDevice('wrong-password'));
    // That device's failures did not use up the budget of everyone else.
    expect((await guess(user.username)).statusCode).toBe(401);
  });
});
