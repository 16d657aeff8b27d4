import type { NotificationType } from '@webinar/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_SECRET, type TestContext, type TestUser } from '../../test/helpers/app.ts';
import { createSignedLinks, type SignedLinks, UNSUBSCRIBE_TTL_SECONDS } from '../deliveries/signed-links.ts';

const LOOKUP = '/api/email/unsubscribe/lookup/';
const CHANGE = '/api/email/unsubscribe/';
const ONE_CLICK = '/api/email/one-click-unsubscribe/';
const ONE_CLICK_BODY = 'List-Unsubscribe=One-Click';

let ctx: TestContext;
let links: SignedLinks;

beforeAll(async () => {
  ctx = await createTestContext();
  links = createSignedLinks(TEST_SECRET, ctx.clock);
});
afterAll(() => ctx.close());

const tokenFor = (user: TestUser, type: NotificationType = 'announcement') =>
  links.unsubscribe({ userId: user.id, type });
const lookup = (token: string) => ctx.app.inject({ method: 'POST', url: LOOKUP, payload: { token } });
const change = (token: string, subscribed: boolean) =>
  ctx.app.inject({ method: 'POST', url: CHANGE, payload: { token, subscribed } });
const oneClick = (token: string, payload: string | Buffer, contentType: string) =>
  ctx.app.inject({
    method: 'POST',
    url: `${ONE_CLICK}${token}`,
    payload,
    headers: { 'content-type': contentType },
  });

async function emailOverride(user: TestUser, type: NotificationType = 'announcement') {
  const row = await ctx.database.db
    .selectFrom('channel_preferences')
    .select('enabled')
    .where('user_id', '=', user.id)
    .where('notification_type', '=', type)
    .where('channel', '=', 'email')
    .executeTakeFirst();
  return row?.enabled;
}

function expectInvalidLink(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBe(400);
  expect(response.json().error.code).toBe('invalid_link');
  expect(response.json().error.message).toMatch(/unsubscribe link/);
}

function multipart(fields: Record<string, string>): { body: Buffer; contentType: string } {
  const boundary = '----unsubscribe-test-boundary';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe('the unsubscribe page', () => {
  it('shows the type, the address and that it is emailed now, without signing in', async () => {
    const user = await ctx.buildUser();
    const response = await lookup(tokenFor(user));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      notification_type: 'announcement',
      type_label: 'Announcement',
      email: `${user.username}@example.com`,
      subscribed: true,
    });
    expect(await emailOverride(user)).toBeUndefined();
  });

  it('unsubscribes and subscribes again', async () => {
    const user = await ctx.buildUser();
    const token = tokenFor(user, 'live_started');
    const off = await change(token, false);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ notification_type: 'live_started', subscribed: false });
    expect(await emailOverride(user, 'live_started')).toBe(false);
    expect((await lookup(token)).json().subscribed).toBe(false);
    const matrix = (await ctx.as(user, { url: '/api/notifications/channel-preferences/' })).json();
    const row = matrix.results.find(
      (r: { notification_type: string }) => r.notification_type === 'live_started',
    );
    expect(row.email).toEqual({ enabled: false, is_default: false, editable: true });
    expect((await change(token, true)).json().subscribed).toBe(true);
    expect(await emailOverride(user, 'live_started')).toBe(true);
  });

  it('works from a browser signed in as someone else, without a CSRF token, and changes only the link’s user', async () => {
    const user = await ctx.buildUser();
    const other = await ctx.buildUser();
    const session = await ctx.signIn(other.username);
    const response = await session.request(
      { method: 'POST', url: CHANGE, payload: { token: tokenFor(user), subscribed: false } },
      false,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(await emailOverride(user)).toBe(false);
    expect(await emailOverride(other)).toBeUndefined();
  });

  it('refuses a token with one character changed', async () => {
    const user = await ctx.buildUser();
    const token = tokenFor(user);
    const at = token.length - 5;
    const tampered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    expectInvalidLink(await lookup(tampered));
    expectInvalidLink(await change(tampered, false));
    expectInvalidLink(await oneClick(tampered, ONE_CLICK_BODY, 'application/x-www-form-urlencoded'));
    expect(await emailOverride(user)).toBeUndefined();
  });

  it('refuses a verification link used as an unsubscribe link', async () => {
    const user = await ctx.buildUser();
    const token = links.verification({ userId: user.id, email: `${user.username}@example.com` });
    expectInvalidLink(await lookup(token));
    expectInvalidLink(await change(token, false));
    expectInvalidLink(await oneClick(token, ONE_CLICK_BODY, 'application/x-www-form-urlencoded'));
    expect(await emailOverride(user)).toBeUndefined();
  });

  it('refuses a link for a user that no longer exists', async () => {
    const token = links.unsubscribe({ userId: 2147483000, type: 'announcement' });
    expectInvalidLink(await lookup(token));
    expectInvalidLink(await change(token, false));
  });

  it('refuses a link older than its lifetime', async () => {
    const user = await ctx.buildUser();
    const token = tokenFor(user);
    ctx.clock.advance(UNSUBSCRIBE_TTL_SECONDS * 1000 + 1000);
    expectInvalidLink(await lookup(token));
    expectInvalidLink(await change(token, false));
    expect(await emailOverride(user)).toBeUndefined();
  });

  it.each([
    ['no token', { subscribed: false }],
    ['an empty token', { token: '', subscribed: false }],
    ['subscribed missing', { token: 'x' }],
    ['an extra field', { token: 'x', subscribed: false, user_id: 1 }],
  ])('a body with %s is a validation error', async (_case, payload) => {
    const response = await ctx.app.inject({ method: 'POST', url: CHANGE, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_error');
  });
});

describe('one-click unsubscribe (RFC 8058)', () => {
  it('a url-encoded POST unsubscribes and answers in plain text', async () => {
    const user = await ctx.buildUser();
    const response = await oneClick(tokenFor(user), ONE_CLICK_BODY, 'application/x-www-form-urlencoded');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toContain('Announcement');
    expect(await emailOverride(user)).toBe(false);
  });

  it('a multipart POST unsubscribes, with or without a trailing slash', async () => {
    const user = await ctx.buildUser();
    const { body, contentType } = multipart({ 'List-Unsubscribe': 'One-Click' });
    expect((await oneClick(`${tokenFor(user, 'new_recording')}/`, body, contentType)).statusCode).toBe(200);
    expect(await emailOverride(user, 'new_recording')).toBe(false);
  });

  it('works with a session cookie and no CSRF token', async () => {
    const user = await ctx.buildUser();
    const session = await ctx.signIn(user.username);
    const response = await session.request(
      {
        method: 'POST',
        url: `${ONE_CLICK}${tokenFor(user)}`,
        payload: ONE_CLICK_BODY,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      false,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(await emailOverride(user)).toBe(false);
  });

  it('opening the link (GET) only redirects to the page that asks', async () => {
    const user = await ctx.buildUser();
    const token = tokenFor(user);
    const response = await ctx.app.inject({ url: `${ONE_CLICK}${token}` });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(`/unsubscribe/${token}`);
    expect(await emailOverride(user)).toBeUndefined();
  });

  it('redirects under PUBLIC_URL when it is set', async () => {
    const published = await ctx.buildAnotherApp({ publicUrl: 'https://notify.example.org/app' });
    const response = await published.inject({ url: `${ONE_CLICK}abc.def.ghi/` });
    expect(response.headers.location).toBe('https://notify.example.org/app/unsubscribe/abc.def.ghi');
  });

  it.each([
    ['no body', undefined, 'application/x-www-form-urlencoded'],
    ['another value', 'List-Unsubscribe=Yes', 'application/x-www-form-urlencoded'],
    ['another field', 'unsubscribe=1', 'application/x-www-form-urlencoded'],
  ])('a POST with %s unsubscribes nobody', async (_case, payload, contentType) => {
    const user = await ctx.buildUser();
    const response = await ctx.app.inject({
      method: 'POST',
      url: `${ONE_CLICK}${tokenFor(user)}`,
      headers: { 'content-type': contentType },
      ...(payload ? { payload } : {}),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('validation_error');
    expect(await emailOverride(user)).toBeUndefined();
  });

  it('a malformed multipart body is a 400', async () => {
    const user = await ctx.buildUser();
    const response = await oneClick(
      tokenFor(user),
      'not multipart at all',
      'multipart/form-data; boundary=zzz',
    );
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.message).toMatch(/form/);
    expect(await emailOverride(user)).toBeUndefined();
  });

  it('takes forms and nothing else, and no other route takes forms', async () => {
    const user = await ctx.buildUser();
    const json = await oneClick(
      tokenFor(user),
      JSON.stringify({ 'List-Unsubscribe': 'One-Click' }),
      'application/json',
    );
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('unsupported_media_type');
    const form = await ctx.app.inject({
      method: 'POST',
      url: CHANGE,
      payload: `token=${tokenFor(user)}&subscribed=false`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(415);
    const { body, contentType } = multipart({ token: tokenFor(user), subscribed: 'false' });
    const multi = await ctx.app.inject({
      method: 'POST',
      url: CHANGE,
      payload: body,
      headers: { 'content-type': contentType },
    });
    expect(multi.statusCode).toBe(415);
    expect(await emailOverride(user)).toBeUndefined();
  });
});
