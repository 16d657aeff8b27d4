import { createHmac } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  SESSION_COOKIE,
  TEST_PASSWORD,
  TEST_SECRET,
  type TestContext,
  type TestUser,
} from '../../test/helpers/app.ts';

const ME = '/api/auth/me/';
const UNREAD = '/api/communications/notifications/unread-count/';
const MARK_ALL = '/api/communications/notifications/mark-all-read/';

let ctx: TestContext;
let alice: TestUser;

beforeAll(async () => {
  ctx = await createTestContext({ loginRateLimit: 1000 });
  // The server's clock stands still; set it well apart from the wall clock, so a token whose
  // times come from anything but ctx.clock fails here every time, not only on a busy machine.
  ctx.clock.set(new Date(Date.now() - 3_600_000));
  alice = await ctx.buildUser({ username: 'alice' });
});

/** Now on the server's clock, in JWT seconds. */
function serverNow(): number {
  return Math.floor(ctx.clock.now().getTime() / 1000);
}
afterAll(() => ctx.close());

async function obtainPair(username = 'alice', password = TEST_PASSWORD) {
  return ctx.app.inject({ method: 'POST', url: '/api/auth/token/', payload: { username, password } });
}

describe('token sign-in for API clients', () => {
  it('gives an access and a refresh token for the right password, and the access token works', async () => {
    const response = await obtainPair();
    expect(response.statusCode).toBe(200);
    const { access, refresh } = response.json();
    expect(typeof access).toBe('string');
    expect(typeof refresh).toBe('string');
    const me = await ctx.app.inject({ url: ME, headers: { authorization: `Bearer ${access}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: alice.id, username: 'alice', role: 'student' });
    expect(me.json()).not.toHaveProperty('password_hash');
  });

  it('answers an unknown user and a wrong password the same way', async () => {
    const wrongPassword = await obtainPair('alice', 'not-her-password');
    const unknownUser = await obtainPair('nobody-by-this-name', 'whatever-password');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownUser.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknownUser.json());
    expect(wrongPassword.json().error.code).toBe('invalid_credentials');
  });

  it('refreshes an access token, but refuses an access token in place of a refresh token', async () => {
    const { access, refresh } = (await obtainPair()).json();
    const refreshed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/token/refresh/',
      payload: { refresh },
    });
    expect(refreshed.statusCode).toBe(200);
    const me = await ctx.app.inject({
      url: ME,
      headers: { authorization: `Bearer ${refreshed.json().access}` },
    });
    expect(me.statusCode).toBe(200);
    const wrongKind = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/token/refresh/',
      payload: { refresh: access },
    });
    expect(wrongKind.statusCode).toBe(401);
  });
});

describe('every endpoint but sign-in requires a valid access token', () => {
  const get = (authorization?: string) =>
    ctx.app.inject({ url: UNREAD, headers: authorization ? { authorization } : {} });

  /** A token signed outside the server with the library: well-formed claims only. */
  async function forge(
    claims: Record<string, unknown>,
    options: { secret?: string; algorithm?: 'HS256' | 'HS512' } = {},
  ) {
    const now = serverNow();
    const sign = createSigner({
      key: options.secret ?? TEST_SECRET,
      algorithm: options.algorithm ?? 'HS256',
    });
    return sign({ iat: now, exp: now + 300, jti: 'forged', ...claims });
  }

  /** A token signed by hand with the server's secret, so its claims may be anything. */
  function signByHand(claims: Record<string, unknown>) {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
    return `${input}.${createHmac('sha256', TEST_SECRET).update(input).digest('base64url')}`;
  }

  it('refuses a request without credentials', async () => {
    const response = await get();
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthorized');
  });

  it('refuses a malformed Authorization header', async () => {
    expect((await get('Token abc')).statusCode).toBe(401);
    expect((await get('Bearer')).statusCode).toBe(401);
  });

  it('refuses an expired access token', async () => {
    const { access } = (await obtainPair()).json();
    expect((await get(`Bearer ${access}`)).statusCode).toBe(200);
    ctx.clock.advance((ctx.config.accessTokenTtlSeconds + 1) * 1000);
    try {
      expect((await get(`Bearer ${access}`)).statusCode).toBe(401);
    } finally {
      ctx.clock.advance(-(ctx.config.accessTokenTtlSeconds + 1) * 1000);
    }
  });

  it('refuses a token signed with another secret', async () => {
    const token = await forge(
      { token_type: 'access', user_id: alice.id, role: 'admin' },
      { secret: 'another-secret-of-sufficient-length-000000' },
    );
    expect((await get(`Bearer ${token}`)).statusCode).toBe(401);
  });

  it('accepts a token signed with the secret, and refuses one with another algorithm', async () => {
    const claims = { token_type: 'access', user_id: alice.id, role: 'student' };
    expect((await get(`Bearer ${await forge(claims)}`)).statusCode).toBe(200);
    expect((await get(`Bearer ${await forge(claims, { algorithm: 'HS512' })}`)).statusCode).toBe(401);
  });

  it('refuses a signed token whose exp, iat or jti is missing or malformed, or that has expired', async () => {
    const now = serverNow();
    const claims = {
      token_type: 'access',
      user_id: alice.id,
      role: 'student',
      iat: now,
      exp: now + 300,
      jti: 'j',
    };
    expect((await get(`Bearer ${signByHand(claims)}`)).statusCode).toBe(200);
    for (const bad of [
      { exp: undefined },
      { iat: undefined },
      { jti: undefined },
      { exp: String(now + 300) },
      { iat: 'yesterday' },
      { exp: now - 1 },
      { user_id: String(alice.id) },
    ]) {
      const response = await get(`Bearer ${signByHand({ ...claims, ...bad })}`);
      expect(response.statusCode, JSON.stringify(bad)).toBe(401);
      expect(response.json().error.code).toBe('token_invalid');
    }
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = serverNow();
    const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ token_type: 'access', user_id: alice.id, role: 'admin', iat: now, exp: now + 300, jti: 'x' })}.`;
    expect((await get(`Bearer ${token}`)).statusCode).toBe(401);
  });

  it('refuses a refresh token used as an access token', async () => {
    const { refresh } = (await obtainPair()).json();
    expect((await get(`Bearer ${refresh}`)).statusCode).toBe(401);
  });

  it('refuses a token whose payload was tampered with', async () => {
    const { access } = (await obtainPair()).json();
    const [header, payload, signature] = access.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect((await get(`Bearer ${header}.${tampered}.${signature}`)).statusCode).toBe(401);
  });

  it('refuses a correctly signed token without a known role', async () => {
    const token = await forge({ token_type: 'access', user_id: alice.id, role: 'superuser' });
    expect((await get(`Bearer ${token}`)).statusCode).toBe(401);
  });
});

describe('browser sign-in with a session cookie', () => {
  it('sets an httpOnly, SameSite=Lax session cookie and a readable CSRF cookie', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login/',
      payload: { username: 'alice', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const session = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const csrf = response.cookies.find((c) => c.name === 'csrftoken');
    expect(csrf?.httpOnly).toBeFalsy();
    expect(csrf?.value).toBe(response.json().csrf_token);
    expect(response.json().user.username).toBe('alice');
  });

  it('reads with the cookie alone, but refuses an unsafe request without the CSRF token', async () => {
    const session = await ctx.signIn('alice');
    expect((await session.request({ url: ME }, false)).statusCode).toBe(200);
    const without = await session.request({ method: 'POST', url: MARK_ALL }, false);
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf_failed');
    const wrong = await session.request(
      { method: 'POST', url: MARK_ALL, headers: { 'x-csrf-token': 'guess' } },
      false,
    );
    expect(wrong.statusCode).toBe(403);
    expect((await session.request({ method: 'POST', url: MARK_ALL })).statusCode).toBe(200);
  });

  it("refuses another session's CSRF token", async () => {
    const first = await ctx.signIn('alice');
    const second = await ctx.signIn('alice');
    const crossed = await first.request(
      { method: 'POST', url: MARK_ALL, headers: { 'x-csrf-token': second.csrfToken } },
      false,
    );
    expect(crossed.statusCode).toBe(403);
  });

  it('needs no CSRF token for bearer requests', async () => {
    const response = await ctx.as(alice, { method: 'POST', url: MARK_ALL });
    expect(response.statusCode).toBe(200);
  });

  it('ends the session on sign-out: the old cookie no longer works', async () => {
    const session = await ctx.signIn('alice');
    const logout = await session.request({ method: 'POST', url: '/api/auth/logout/' });
    expect(logout.statusCode).toBe(204);
    expect((await session.request({ url: ME })).statusCode).toBe(401);
  });

  it('refuses a forged session cookie', async () => {
    const response = await ctx.app.inject({ url: ME, cookies: { [SESSION_COOKIE]: 'forged-session-token' } });
    expect(response.statusCode).toBe(401);
  });

  it('refuses a session past its lifetime', async () => {
    const session = await ctx.signIn('alice');
    ctx.clock.advance((ctx.config.sessionTtlSeconds + 1) * 1000);
    try {
      expect((await session.request({ url: ME })).statusCode).toBe(401);
    } finally {
      ctx.clock.advance(-(ctx.config.sessionTtlSeconds + 1) * 1000);
    }
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 once a client has tried too often', async () => {
    const limited = await createTestContext({ loginRateLimit: 3 });
    try {
      const attempt = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/auth/token/',
          payload: { username: 'x', password: 'y' },
        });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const blocked = await attempt();
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('rate_limited');
      expect(blocked.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});
