// Expired sessions and Idempotency-Keys past their lifetime are deleted; live ones are kept.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../test/helpers/app.ts';
import { createSession } from '../auth/sessions.repository.ts';
import { deleteExpired, IDEMPOTENCY_KEY_LIFETIME_MS } from './housekeeping.ts';

let ctx: TestContext;
let admin: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.buildUser({ role: 'admin' });
});
afterAll(() => ctx.close());

const HOUR = 3_600_000;

function announce(key: string) {
  return ctx.as(admin, {
    method: 'POST',
    url: '/api/communications/announcements/',
    payload: { title: `Announcement ${key}`, content: 'Housekeeping' },
    headers: { 'idempotency-key': key },
  });
}

it('deletes expired sessions and forgets Idempotency-Keys after their lifetime, keeping the rest', async () => {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const expired = await createSession(db, admin.id, new Date(now.getTime() - HOUR));
  const live = await createSession(db, admin.id, new Date(now.getTime() + HOUR));
  expect((await announce('old-key')).statusCode).toBe(201);

  expect((await announce('fresh-key')).statusCode).toBe(201);
  // The first key was used a day and an hour ago.
  const aDayAgo = new Date(now.getTime() - IDEMPOTENCY_KEY_LIFETIME_MS - HOUR);
  await sql`update idempotency_keys set created_at = ${aDayAgo} where key = 'old-key'`.execute(db);
  expect(await deleteExpired(db, now)).toEqual({ sessions: 1, idempotencyKeys: 1 });

  const sessionsLeft = await db.selectFrom('sessions').select('token_hash').execute();
  expect(sessionsLeft).toHaveLength(1);
  expect(expired).not.toBe(live);
  expect((await announce('fresh-key')).statusCode).toBe(200); // still a replay
  expect((await announce('old-key')).statusCode).toBe(201); // forgotten: a new request
});
