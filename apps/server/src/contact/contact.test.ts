import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_SECRET, type TestContext, type TestUser } from '../../test/helpers/app.ts';
import { createSignedLinks, type SignedLinks, VERIFICATION_TTL_SECONDS } from '../deliveries/signed-links.ts';

const CONTACT = '/api/auth/me/contact/';
const RESEND = '/api/auth/me/contact/verification/';
const VERIFY = '/api/email/verify/';

let ctx: TestContext;
let links: SignedLinks;

beforeAll(async () => {
  ctx = await createTestContext();
  links = createSignedLinks(TEST_SECRET, ctx.clock);
});
afterAll(() => ctx.close());

const contactOf = (user: TestUser) => ctx.as(user, { url: CONTACT });
const patch = (user: TestUser, payload: object) => ctx.as(user, { method: 'PATCH', url: CONTACT, payload });
const resend = (user: TestUser) => ctx.as(user, { method: 'POST', url: RESEND });
const verify = (token: string) => ctx.app.inject({ method: 'POST', url: VERIFY, payload: { token } });

function verificationsOf(userId: number) {
  return ctx.database.db
    .selectFrom('deliveries')
    .selectAll()
    .where('user_id', '=', userId)
    .where('purpose', '=', 'email_verification')
    .orderBy('id')
    .execute();
}

function expectError(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  const { error } = response.json();
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(10);
  return error as { code: string; message: string; fields?: Record<string, string> };
}

/** A user whose address was confirmed through its link, as a user would. */
async function verifiedUser(): Promise<TestUser> {
  const user = await ctx.buildUser();
  const { email } = (await contactOf(user)).json();
  expect((await verify(links.verification({ userId: user.id, email }))).statusCode).toBe(200);
  return user;
}

describe('contact settings', () => {
  it('a new user sees their address unverified and their time zone UTC', async () => {
    const user = await ctx.buildUser();
    const response = await contactOf(user);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      email: `${user.username}@example.com`,
      email_status: 'unverified',
      email_failure: null,
      time_zone: 'UTC',
    });
  });

  it('a signed-out request is refused', async () => {
    expectError(await ctx.app.inject({ url: CONTACT }), 401, 'unauthorized');
    expectError(
      await ctx.app.inject({ method: 'PATCH', url: CONTACT, payload: { time_zone: 'Europe/Paris' } }),
      401,
      'unauthorized',
    );
    expectError(await ctx.app.inject({ method: 'POST', url: RESEND }), 401, 'unauthorized');
  });

  it('a cookie session must send its CSRF token to change them', async () => {
    const user = await ctx.buildUser();
    const session = await ctx.signIn(user.username);
    const payload = { time_zone: 'Europe/Paris' };
    expectError(await session.request({ method: 'PATCH', url: CONTACT, payload }, false), 403, 'csrf_failed');
    expect((await session.request({ method: 'PATCH', url: CONTACT, payload })).statusCode).toBe(200);
  });

  it('a new address is trimmed, unverified, and gets one verification email queued, due now', async () => {
    const user = await verifiedUser();
    const before = await verificationsOf(user.id);
    const response = await patch(user, { email: '  new.address+tag@example.org ' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      email: 'new.address+tag@example.org',
      email_status: 'unverified',
    });
    await ctx.app.deliveryWorker.idle();
    const queued = (await verificationsOf(user.id)).slice(before.length);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      channel: 'email',
      // Taken at once; with no SMTP server in this context it is rendered into the log only.
      status: 'skipped',
      notification_id: null,
      payload: { address: 'new.address+tag@example.org' },
    });
    expect(queued[0]!.due_at.getTime()).toBeLessThanOrEqual(ctx.clock.now().getTime());
  });

  it('setting the same address again changes nothing and sends nothing', async () => {
    const user = await verifiedUser();
    const before = await verificationsOf(user.id);
    const response = await patch(user, { email: `${user.username}@example.com` });
    expect(response.json().email_status).toBe('verified');
    expect(await verificationsOf(user.id)).toEqual(before);
  });

  it('an empty address removes it and sends nothing', async () => {
    const user = await ctx.buildUser();
    const response = await patch(user, { email: '' });
    expect(response.json()).toMatchObject({ email: '', email_status: 'none' });
    expect(await verificationsOf(user.id)).toEqual([]);
  });

  it('a new address clears a failure of the old one', async () => {
    const user = await verifiedUser();
    await ctx.database.db
      .updateTable('users')
      .set({ email_failed_at: ctx.clock.now(), email_failure: '550 5.1.1 no such user' })
      .where('id', '=', user.id)
      .execute();
    expect((await contactOf(user)).json()).toMatchObject({
      email_status: 'failing',
      email_failure: '550 5.1.1 no such user',
    });
    const response = await patch(user, { email: 'fixed@example.org' });
    expect(response.json()).toMatchObject({ email_status: 'unverified', email_failure: null });
  });

  it('changing the address again at once spaces the emails a minute apart', async () => {
    const user = await ctx.buildUser();
    await patch(user, { email: 'first@example.org' });
    await patch(user, { email: 'second@example.org' });
    const [first, second] = await verificationsOf(user.id);
    expect(second!.due_at.getTime() - first!.due_at.getTime()).toBe(60_000);
  });

  it.each([
    ['no @', 'not-an-address'],
    ['two @', 'a@b@example.com'],
    ['a space inside', 'jane doe@example.com'],
    ['a control character', 'jane\u0007@example.com'],
    ['a line break', 'jane@example.com\r\nBcc: x@example.com'],
    ['nothing before @', '@example.com'],
    ['255 characters', `${'a'.repeat(243)}@example.com`],
  ])('an address with %s is refused with a field error', async (_case, email) => {
    const user = await ctx.buildUser();
    const error = expectError(await patch(user, { email }), 400, 'validation_error');
    expect(error.fields?.email).toMatch(/\w/);
    expect((await contactOf(user)).json().email).toBe(`${user.username}@example.com`);
  });

  it('a time zone is stored under its IANA name', async () => {
    const user = await ctx.buildUser();
    const response = await patch(user, { time_zone: 'europe/paris' });
    expect(response.json().time_zone).toBe('Europe/Paris');
    expect((await contactOf(user)).json().time_zone).toBe('Europe/Paris');
  });

  it.each(['Mars/Olympus_Mons', '+02:00', 'Not a zone'])(
    'time zone %s is refused with a field error',
    async (timeZone) => {
      const user = await ctx.buildUser();
      const error = expectError(await patch(user, { time_zone: timeZone }), 400, 'validation_error');
      expect(error.fields?.time_zone).toMatch(/IANA/);
    },
  );

  it('a bad time zone changes no address either', async () => {
    const user = await ctx.buildUser();
    expectError(
      await patch(user, { email: 'other@example.org', time_zone: 'Nowhere' }),
      400,
      'validation_error',
    );
    expect((await contactOf(user)).json().email).toBe(`${user.username}@example.com`);
    expect(await verificationsOf(user.id)).toEqual([]);
  });

  it('the verification email is taken by the delivery worker once the address commits', async () => {
    const user = await ctx.buildUser();
    expect((await patch(user, { email: 'woken@example.org' })).statusCode).toBe(200);
    await ctx.app.deliveryWorker.idle();
    // No SMTP server in this context: the worker renders it into the log and sends nothing.
    expect(await verificationsOf(user.id)).toMatchObject([
      { status: 'skipped', address: 'woken@example.org' },
    ]);
    expect((await patch(user, { email: 'woken@example.org', time_zone: 'Asia/Tokyo' })).statusCode).toBe(200);
    expect(await verificationsOf(user.id)).toHaveLength(1);
  });
});

describe('sending the verification email again', () => {
  it('queues another email for the unverified address, then refuses for a minute with Retry-After', async () => {
    const user = await ctx.buildUser();
    const first = await resend(user);
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toEqual({});
    ctx.clock.advance(20_000);
    const second = await resend(user);
    expectError(second, 429, 'rate_limited');
    expect(second.headers['retry-after']).toBe('40');
    ctx.clock.advance(40_000);
    expect((await resend(user)).statusCode).toBe(202);
    const queued = await verificationsOf(user.id);
    expect(queued.map((row) => row.payload?.address)).toEqual([
      `${user.username}@example.com`,
      `${user.username}@example.com`,
    ]);
  });

  it('is a conflict without an address or once it is verified', async () => {
    const none = await ctx.buildUser();
    await patch(none, { email: '' });
    expect(expectError(await resend(none), 409, 'conflict').message).toMatch(/no email address/);
    const verified = await verifiedUser();
    expect(expectError(await resend(verified), 409, 'conflict').message).toMatch(/already verified/);
    expect(await verificationsOf(verified.id)).toEqual([]);
  });

  it('counts the email a new address queued', async () => {
    const user = await ctx.buildUser();
    await patch(user, { email: 'fresh@example.org' });
    expectError(await resend(user), 429, 'rate_limited');
  });
});

describe('the verification link', () => {
  it('verifies the address, without signing in, and again is fine', async () => {
    const user = await ctx.buildUser();
    const token = links.verification({ userId: user.id, email: `${user.username}@example.com` });
    const response = await verify(token);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ email: `${user.username}@example.com` });
    expect((await contactOf(user)).json().email_status).toBe('verified');
    expect((await verify(token)).statusCode).toBe(200);
  });

  it('works from a browser signed in as someone else, with no CSRF token', async () => {
    const user = await ctx.buildUser();
    const other = await ctx.buildUser();
    const session = await ctx.signIn(other.username);
    const token = links.verification({ userId: user.id, email: `${user.username}@example.com` });
    const response = await session.request({ method: 'POST', url: VERIFY, payload: { token } }, false);
    expect(response.statusCode, response.body).toBe(200);
    expect((await contactOf(user)).json().email_status).toBe('verified');
    expect((await contactOf(other)).json().email_status).toBe('unverified');
  });

  it('opening it confirms a failing address again', async () => {
    const user = await ctx.buildUser();
    await ctx.database.db
      .updateTable('users')
      .set({ email_failed_at: ctx.clock.now(), email_failure: '552 mailbox full' })
      .where('id', '=', user.id)
      .execute();
    expect((await resend(user)).statusCode).toBe(202);
    await verify(links.verification({ userId: user.id, email: `${user.username}@example.com` }));
    expect((await contactOf(user)).json()).toMatchObject({ email_status: 'verified', email_failure: null });
  });

  it('is refused when one character of it was changed', async () => {
    const user = await ctx.buildUser();
    const token = links.verification({ userId: user.id, email: `${user.username}@example.com` });
    const at = token.length - 5;
    const tampered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    expect(expectError(await verify(tampered), 400, 'invalid_link').message).toMatch(
      /invalid or has expired/,
    );
    expect((await contactOf(user)).json().email_status).toBe('unverified');
  });

  it('is refused once a day has passed', async () => {
    const user = await ctx.buildUser();
    const token = links.verification({ userId: user.id, email: `${user.username}@example.com` });
    ctx.clock.advance(VERIFICATION_TTL_SECONDS * 1000 + 1000);
    expectError(await verify(token), 400, 'invalid_link');
    // The user's access token has expired too: the row tells.
    const row = await ctx.database.db
      .selectFrom('users')
      .select('email_verified_at')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.email_verified_at).toBeNull();
  });

  it('is refused for an address the user has since replaced', async () => {
    const user = await ctx.buildUser();
    const old = links.verification({ userId: user.id, email: `${user.username}@example.com` });
    await patch(user, { email: 'replacement@example.org' });
    expect(expectError(await verify(old), 400, 'invalid_link').message).toMatch(/no longer on the account/);
    expect((await contactOf(user)).json().email_status).toBe('unverified');
  });

  it('is refused when it is an unsubscribe link, or for a user that no longer exists', async () => {
    const user = await ctx.buildUser();
    expectError(
      await verify(links.unsubscribe({ userId: user.id, type: 'announcement' })),
      400,
      'invalid_link',
    );
    expectError(
      await verify(links.verification({ userId: 2147483000, email: 'ghost@example.com' })),
      400,
      'invalid_link',
    );
    expectError(await verify('not-a-token'), 400, 'invalid_link');
    expect((await contactOf(user)).json().email_status).toBe('unverified');
  });

  it('a token signed with another secret is refused', async () => {
    const user = await ctx.buildUser();
    const forged = createSignedLinks('another-secret-that-is-long-enough-for-hs256-xyz', ctx.clock);
    const token = forged.verification({ userId: user.id, email: `${user.username}@example.com` });
    expectError(await verify(token), 400, 'invalid_link');
  });
});
