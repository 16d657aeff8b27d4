import type { ChannelPreferenceRow } from '@webinar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../test/helpers/app.ts';

const MATRIX = '/api/notifications/channel-preferences/';
const MUTES = '/api/communications/notifications/preferences/';
const POLICIES = '/api/admin/delivery-policies/';

let ctx: TestContext;
let admin: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.buildUser({ role: 'admin' });
});
afterAll(() => ctx.close());

async function matrixOf(user: TestUser): Promise<Record<string, ChannelPreferenceRow>> {
  const response = await ctx.as(user, { url: MATRIX });
  expect(response.statusCode, response.body).toBe(200);
  const rows = response.json().results as ChannelPreferenceRow[];
  return Object.fromEntries(rows.map((row) => [row.notification_type, row]));
}

const put = (user: TestUser, payload: unknown) =>
  ctx.as(user, { method: 'PUT', url: MATRIX, payload: payload as object });

function overridesOf(userId: number) {
  return ctx.database.db
    .selectFrom('channel_preferences')
    .select(['notification_type', 'channel', 'enabled'])
    .where('user_id', '=', userId)
    .orderBy('notification_type')
    .execute();
}

describe('the channel preference matrix', () => {
  it("a new user gets every type in the app, email and push as the admins' defaults say", async () => {
    const matrix = await matrixOf(await ctx.buildUser());
    expect(Object.keys(matrix)).toHaveLength(7);
    expect(matrix.live_started).toEqual({
      notification_type: 'live_started',
      in_app: { enabled: true, is_default: true, editable: true },
      email: { enabled: true, is_default: true, editable: true },
      email_timing: 'immediate',
      email_delay_minutes: 0,
      push: { enabled: true, is_default: true, editable: true },
      push_timing: 'immediate',
      push_delay_minutes: 0,
    });
    expect(matrix.registration_approved?.push.enabled).toBe(true);
    expect(matrix.announcement?.push).toEqual({ enabled: false, is_default: true, editable: true });
    expect(matrix.new_recording).toMatchObject({ email_timing: 'digest', email_delay_minutes: 30 });
    expect(matrix.announcement).toMatchObject({ email_timing: 'if_unread', email_delay_minutes: 15 });
    expect(matrix.live_ended?.email).toEqual({ enabled: false, is_default: true, editable: true });
    expect(matrix.system?.in_app).toEqual({ enabled: true, is_default: true, editable: false });
    expect(matrix.system?.email.enabled).toBe(false);
  });

  it('turning email on for an off type and off for an immediate one overrides the defaults', async () => {
    const user = await ctx.buildUser();
    const response = await put(user, { live_ended: { email: true }, live_started: { email: false } });
    expect(response.statusCode, response.body).toBe(200);
    const matrix = await matrixOf(user);
    expect(matrix.live_ended?.email).toEqual({ enabled: true, is_default: false, editable: true });
    expect(matrix.live_started?.email).toEqual({ enabled: false, is_default: false, editable: true });
    expect(await overridesOf(user.id)).toEqual([
      { notification_type: 'live_ended', channel: 'email', enabled: true },
      { notification_type: 'live_started', channel: 'email', enabled: false },
    ]);
  });

  it("email: null goes back to the admins' default", async () => {
    const user = await ctx.buildUser();
    await put(user, { live_started: { email: false } });
    await put(user, { live_started: { email: null } });
    expect((await matrixOf(user)).live_started?.email).toEqual({
      enabled: true,
      is_default: true,
      editable: true,
    });
    expect(await overridesOf(user.id)).toEqual([]);
  });

  it('muting in the app is the same mute as the notification preferences', async () => {
    const user = await ctx.buildUser();
    await put(user, { announcement: { in_app: false } });
    expect((await ctx.as(user, { url: MUTES })).json().announcement).toBe(false);
    expect((await matrixOf(user)).announcement?.in_app).toEqual({
      enabled: false,
      is_default: false,
      editable: true,
    });
    await ctx.as(user, { method: 'PUT', url: MUTES, payload: { announcement: true } });
    expect((await matrixOf(user)).announcement?.in_app.enabled).toBe(true);
  });

  it('one user changes only their own matrix', async () => {
    const user = await ctx.buildUser();
    const other = await ctx.buildUser();
    await put(user, { registration_approved: { in_app: false, email: false } });
    const matrix = await matrixOf(other);
    expect(matrix.registration_approved?.in_app.enabled).toBe(true);
    expect(matrix.registration_approved?.email.enabled).toBe(true);
    expect(await overridesOf(other.id)).toEqual([]);
  });

  it('system cannot be muted in the app, and the refused request changes nothing', async () => {
    const user = await ctx.buildUser();
    const response = await put(user, { live_started: { email: false }, system: { in_app: false } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'validation_error',
      fields: { 'system.in_app': 'cannot be muted' },
    });
    expect(await overridesOf(user.id)).toEqual([]);
    // Email of system notifications is the user's to choose.
    expect((await put(user, { system: { email: true, in_app: true } })).statusCode).toBe(200);
    expect((await matrixOf(user)).system?.email.enabled).toBe(true);
  });

  it.each([
    ['an unknown type', { birthday: { email: true } }],
    ['an unknown channel', { announcement: { sms: true } }],
    ['a type with no change', { announcement: {} }],
    ['no type', {}],
    ['a string', { announcement: { email: 'yes' } }],
    ['in_app null', { announcement: { in_app: null } }],
  ])('%s is refused with 400', async (_case, payload) => {
    const user = await ctx.buildUser();
    const response = await put(user, payload);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('validation_error');
  });

  it('signed out, the matrix can be neither read nor changed', async () => {
    expect((await ctx.app.inject({ url: MATRIX })).statusCode).toBe(401);
    const response = await ctx.app.inject({
      method: 'PUT',
      url: MATRIX,
      payload: { live_started: { email: false } },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthorized');
  });

  it("follows the admins' policy until the user overrides it", async () => {
    const user = await ctx.buildUser();
    await put(user, { announcement: { email: true } });
    const off = await ctx.as(admin, {
      method: 'PUT',
      url: `${POLICIES}announcement/email/`,
      payload: { timing: 'off' },
    });
    expect(off.statusCode, off.body).toBe(200);
    const fresh = await ctx.buildUser();
    expect((await matrixOf(fresh)).announcement?.email).toMatchObject({ enabled: false, is_default: true });
    expect((await matrixOf(fresh)).announcement?.email_timing).toBe('off');
    expect((await matrixOf(user)).announcement?.email).toMatchObject({ enabled: true, is_default: false });
    await ctx.as(admin, {
      method: 'PUT',
      url: `${POLICIES}announcement/email/`,
      payload: { timing: 'if_unread', delay_minutes: 15 },
    });
  });
});
