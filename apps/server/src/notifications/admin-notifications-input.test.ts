// What an admin's send refuses as a whole, notifying no one: recipients that do not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../test/helpers/app.ts';

let ctx: TestContext;
let admin: TestUser;
let student: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.buildUser({ role: 'admin' });
  student = await ctx.buildUser();
});
afterAll(() => ctx.close());

async function countNotifications(): Promise<number> {
  const row = await ctx.database.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const send = (userIds: number[]) =>
  ctx.as(admin, {
    method: 'POST',
    url: '/api/admin/notifications/',
    payload: { user_ids: userIds, notification_type: 'system', title: 'Hello', content: 'Hi there.' },
  });

describe('sending to user ids', () => {
  it('answers 400 naming the ids that are no user, and notifies no one, not even the known ones', async () => {
    const before = await countNotifications();
    const unknown = student.id + 1000;
    for (const [ids, named] of [
      [[unknown], `no such user: ${unknown}`],
      [[student.id, unknown, unknown + 1], `no such users: ${unknown}, ${unknown + 1}`],
    ] as const) {
      const response = await send([...ids]);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'validation_error', fields: { user_ids: named } });
    }
    expect(await countNotifications()).toBe(before);
  });

  it('names the first twenty of many unknown ids and counts the rest', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => 1_000_000 + i);
    const response = await send(ids);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.user_ids).toBe(
      `no such users: ${ids.slice(0, 20).join(', ')} and 5 more`,
    );
  });

  it('still sends to users who all exist, each once', async () => {
    const response = await send([student.id, admin.id, student.id]);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().created).toBe(2);
  });
});
