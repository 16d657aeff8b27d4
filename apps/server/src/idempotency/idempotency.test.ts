// One Idempotency-Key mechanism for the three requests a client may retry: a repeat gets the first
// answer and does nothing again; the same key on a different request is a 422 that does nothing.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../test/helpers/app.ts';

let ctx: TestContext;
let admin: TestUser;
let students: TestUser[];

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.buildUser({ role: 'admin' });
  students = [await ctx.buildUser(), await ctx.buildUser()];
});
afterAll(() => ctx.close());

const ANNOUNCEMENTS = '/api/communications/announcements/';
const SEND = '/api/admin/notifications/';
const remindUrl = (webinarId: number) => `/api/webinars/${webinarId}/remind/`;

function post(url: string, key: string, payload?: object, user = admin): Promise<LightMyRequestResponse> {
  return ctx.as(user, {
    method: 'POST',
    url,
    ...(payload ? { payload } : {}),
    headers: { 'idempotency-key': key },
  });
}

/** A scheduled webinar with both students approved. */
async function webinarWithRegistrants(): Promise<number> {
  const id = await ctx.buildWebinar(admin.id, 'Keyed webinar');
  await ctx.database.db
    .insertInto('registrations')
    .values(students.map((s) => ({ user_id: s.id, webinar_id: id, status: 'approved' as const })))
    .execute();
  return id;
}

async function countRows() {
  const db = ctx.database.db;
  const count = async (table: 'notifications' | 'announcements' | 'idempotency_keys') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    notifications: await count('notifications'),
    announcements: await count('announcements'),
    keys: await count('idempotency_keys'),
  };
}

function expectReused(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBe(422);
  expect(response.json().error.code).toBe('idempotency_key_reused');
}

describe('a webinar reminder with an Idempotency-Key', () => {
  it('reminds once: the repeat answers the first count, replayed, and notifies no one', async () => {
    const webinarId = await webinarWithRegistrants();
    const first = await post(remindUrl(webinarId), 'remind-1');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ notified: 2, replayed: false });
    const before = await countRows();
    const repeat = await post(remindUrl(webinarId), 'remind-1');
    expect(repeat.statusCode, repeat.body).toBe(200);
    expect(repeat.json()).toEqual({ notified: 2, replayed: true });
    expect(await countRows()).toEqual(before);
  });

  it('reminds once when the same request arrives several times at once', async () => {
    const webinarId = await webinarWithRegistrants();
    const before = await countRows();
    const answers = await Promise.all([1, 2, 3].map(() => post(remindUrl(webinarId), 'remind-raced')));
    expect(answers.map((a) => a.json())).toEqual(
      expect.arrayContaining([
        { notified: 2, replayed: false },
        { notified: 2, replayed: true },
        { notified: 2, replayed: true },
      ]),
    );
    expect((await countRows()).notifications).toBe(before.notifications + 2);
  });

  it('refuses the key on another webinar with 422, reminding no one', async () => {
    const first = await webinarWithRegistrants();
    const second = await webinarWithRegistrants();
    expect((await post(remindUrl(first), 'remind-2')).statusCode).toBe(200);
    const before = await countRows();
    expectReused(await post(remindUrl(second), 'remind-2'));
    expect(await countRows()).toEqual(before);
  });

  it('still answers the first answer after the webinar has started', async () => {
    const webinarId = await webinarWithRegistrants();
    expect((await post(remindUrl(webinarId), 'remind-3')).json()).toEqual({ notified: 2, replayed: false });
    await ctx.as(admin, { method: 'POST', url: `/api/live-sessions/${webinarId}/start/` });
    expect((await post(remindUrl(webinarId), 'remind-3')).json()).toEqual({ notified: 2, replayed: true });
  });
});

describe('the same key on a different request', () => {
  it('refuses an announcement with another body with 422, making nothing', async () => {
    const first = await post(ANNOUNCEMENTS, 'ann-1', { title: 'First', content: 'One.' });
    expect(first.statusCode, first.body).toBe(201);
    const before = await countRows();
    for (const payload of [
      { title: 'First', content: 'Two.' },
      { title: 'Second', content: 'One.' },
    ]) {
      expectReused(await post(ANNOUNCEMENTS, 'ann-1', payload));
    }
    expect(await countRows()).toEqual(before);
  });

  it('refuses an admin send with other recipients or content with 422, sending nothing', async () => {
    const payload = { user_ids: [students[0]!.id], notification_type: 'system', title: 'T', content: 'C' };
    expect((await post(SEND, 'send-1', payload)).statusCode).toBe(201);
    const before = await countRows();
    expectReused(await post(SEND, 'send-1', { ...payload, user_ids: [students[1]!.id] }));
    expectReused(await post(SEND, 'send-1', { ...payload, content: 'Other' }));
    expect(await countRows()).toEqual(before);
  });

  it('refuses a key used on one route when it comes to another', async () => {
    expect((await post(ANNOUNCEMENTS, 'shared-key', { title: 'T', content: 'C' })).statusCode).toBe(201);
    const before = await countRows();
    expectReused(
      await post(SEND, 'shared-key', {
        everyone: true,
        notification_type: 'system',
        title: 'T',
        content: 'C',
      }),
    );
    expectReused(await post(remindUrl(await webinarWithRegistrants()), 'shared-key'));
    expect((await countRows()).notifications).toBe(before.notifications);
  });

  it('takes the same body with its keys in another order as the same request', async () => {
    const first = await post(ANNOUNCEMENTS, 'ann-order', { title: 'Ordered', content: 'Keys.' });
    const repeat = await ctx.as(admin, {
      method: 'POST',
      url: ANNOUNCEMENTS,
      payload: '{ "content": "Keys.",  "title": "Ordered" }',
      headers: { 'idempotency-key': 'ann-order', 'content-type': 'application/json' },
    });
    expect(repeat.statusCode, repeat.body).toBe(200);
    expect(repeat.json()).toEqual({ ...first.json(), replayed: true });
  });
});

describe('a key whose first request failed', () => {
  it('is not used up: the corrected request runs', async () => {
    const payload = { user_ids: [987_654], notification_type: 'system', title: 'Fix me', content: 'C' };
    expect((await post(SEND, 'send-fixed', payload)).statusCode).toBe(400);
    const fixed = await post(SEND, 'send-fixed', { ...payload, user_ids: [students[0]!.id] });
    expect(fixed.statusCode, fixed.body).toBe(201);
    expect(fixed.json()).toEqual({ created: 1, replayed: false });
  });
});
