import type { DeliveryPolicy } from '@webinar/contracts';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../test/helpers/app.ts';

const POLICIES = '/api/admin/delivery-policies/';

let ctx: TestContext;
let admin: TestUser;
let host: TestUser;
let student: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.buildUser({ role: 'admin' });
  host = await ctx.buildUser({ role: 'host' });
  student = await ctx.buildUser({ role: 'student' });
});
afterAll(() => ctx.close());

const put = (user: TestUser, url: string, payload: unknown): InjectOptions & { url: string } => ({
  method: 'PUT',
  url: `${POLICIES}${url}`,
  payload: payload as object,
  headers: { authorization: `Bearer ${user.token}` },
});

function storedPolicies() {
  return ctx.database.db.selectFrom('delivery_policies').selectAll().orderBy('notification_type').execute();
}

describe('delivery policies', () => {
  it("an admin sees every type's email default, then its push default, in the order of the types", async () => {
    const response = await ctx.as(admin, { url: POLICIES });
    expect(response.statusCode, response.body).toBe(200);
    const all = response.json().results as DeliveryPolicy[];
    const push = all.filter((p) => p.channel === 'push');
    expect(push.map((p) => [p.notification_type, p.timing])).toEqual([
      ['live_started', 'immediate'],
      ['live_ended', 'off'],
      ['announcement', 'off'],
      ['registration_approved', 'immediate'],
      ['system', 'off'],
      ['new_recording', 'off'],
      ['upcoming_webinar', 'off'],
    ]);
    const policies = all.slice(0, 7);
    expect(policies.map((p) => [p.notification_type, p.timing, p.delay_minutes])).toEqual([
      ['live_started', 'immediate', 0],
      ['live_ended', 'off', 0],
      ['announcement', 'if_unread', 15],
      ['registration_approved', 'immediate', 0],
      ['system', 'off', 0],
      ['new_recording', 'digest', 30],
      ['upcoming_webinar', 'immediate', 0],
    ]);
    expect(policies.every((p) => p.channel === 'email')).toBe(true);
  });

  it('an admin changes a timing and its delay', async () => {
    const response = await ctx.app.inject(
      put(admin, 'new_recording/email/', { timing: 'digest', delay_minutes: 60 }),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      notification_type: 'new_recording',
      channel: 'email',
      timing: 'digest',
      delay_minutes: 60,
    });
    const listed = (await ctx.as(admin, { url: POLICIES })).json().results as DeliveryPolicy[];
    expect(listed.find((p) => p.notification_type === 'new_recording')?.delay_minutes).toBe(60);
  });

  it('sending at once or never keeps no delay', async () => {
    const response = await ctx.app.inject(
      put(admin, 'live_ended/email/', { timing: 'immediate', delay_minutes: 45 }),
    );
    expect(response.json()).toMatchObject({ timing: 'immediate', delay_minutes: 0 });
    const off = await ctx.app.inject(put(admin, 'live_ended/email/', { timing: 'off' }));
    expect(off.json()).toMatchObject({ timing: 'off', delay_minutes: 0 });
  });

  it.each([
    ['if_unread without a delay', 'announcement/email/', { timing: 'if_unread' }, 'delay_minutes'],
    ['a digest of 0 minutes', 'announcement/email/', { timing: 'digest', delay_minutes: 0 }, 'delay_minutes'],
    ['a negative delay', 'announcement/email/', { timing: 'digest', delay_minutes: -5 }, 'delay_minutes'],
    [
      'a delay over a week',
      'announcement/email/',
      { timing: 'digest', delay_minutes: 10_081 },
      'delay_minutes',
    ],
    ['an unknown timing', 'announcement/email/', { timing: 'weekly' }, 'timing'],
    ['an extra field', 'announcement/email/', { timing: 'off', channel: 'sms' }, 'channel'],
    ['an unknown type', 'birthday/email/', { timing: 'off' }, 'type'],
    ['an unknown channel', 'announcement/sms/', { timing: 'off' }, 'channel'],
  ])('%s is refused with a field error and changes nothing', async (_case, url, payload, field) => {
    const before = await storedPolicies();
    const response = await ctx.app.inject(put(admin, url, payload));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('validation_error');
    expect(Object.keys(response.json().error.fields)).toContain(field);
    expect(await storedPolicies()).toEqual(before);
  });

  it('students and hosts may neither read nor change them, nor may anyone signed out', async () => {
    const before = await storedPolicies();
    for (const user of [student, host]) {
      expect((await ctx.as(user, { url: POLICIES })).statusCode).toBe(403);
      const response = await ctx.app.inject(put(user, 'live_started/email/', { timing: 'off' }));
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
    expect((await ctx.app.inject({ url: POLICIES })).statusCode).toBe(401);
    const anonymous = await ctx.app.inject({
      method: 'PUT',
      url: `${POLICIES}live_started/email/`,
      payload: { timing: 'off' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await storedPolicies()).toEqual(before);
  });
});
