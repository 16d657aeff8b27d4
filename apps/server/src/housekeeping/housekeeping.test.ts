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
  // Judged two hours ahead of the app's clock, so that the app's own run at start-up, which may
  // land anywhere in this test, finds nothing of this test's to delete.
  const later = new Date(ctx.clock.now().getTime() + 2 * HOUR);
  const expired = await createSession(db, admin.id, new Date(later.getTime() - HOUR));
  const live = await createSession(db, admin.id, new Date(later.getTime() + HOUR));
  expect((await announce('old-key')).statusCode).toBe(201);

  expect((await announce('fresh-key')).statusCode).toBe(201);
  // The first key was used a day and an hour before `later`.
  const aDayEarlier = new Date(later.getTime() - IDEMPOTENCY_KEY_LIFETIME_MS - HOUR);
  await sql`update idempotency_keys set created_at = ${aDayEarlier} where key = 'old-key'`.execute(db);
  expect(await deleteExpired(db, later)).toEqual({
    sessions: 1,
    idempotencyKeys: 1,
  });

  const sessionsLeft = await db.selectFrom('sessions').select('token_hash').execute();
  expect(sessionsLeft).toHaveLength(1);
  expect(expired).not.toBe(live);
  expect((await announce('fresh-key')).statusCode).toBe(200); // still a replay
  expect((await announce('old-key')).statusCode).toBe(201); // forgotten: a new request
});
