import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { DEMO_USERS, seedDemoIfEmpty } from './demo.ts';

let database: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase();
  expect(await seedDemoIfEmpty(database.db)).toBe(true);
}, 120_000);
afterAll(() => database.close());

it('every demo account has a verified address, so demo notifications can be emailed', async () => {
  const rows = await database.db
    .selectFrom('users')
    .select(['username', 'email', 'email_verified_at', 'email_failed_at', 'time_zone'])
    .orderBy('id')
    .execute();
  expect(rows.map((row) => row.username)).toEqual(DEMO_USERS.map((user) => user.username));
  for (const row of rows) {
    expect(row.email).toBe(`${row.username}@example.com`);
    expect(row.email_verified_at).toBeInstanceOf(Date);
    expect(row.email_failed_at).toBeNull();
    expect(row.time_zone).toBe('UTC');
  }
});

it('decides each demo registration after it was made, and in the past', async () => {
  const rows = await database.db
    .selectFrom('registrations')
    .select(['created_at', 'decided_at', 'status'])
    .execute();
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row.created_at.getTime()).toBeLessThan(Date.now());
    if (row.status === 'pending') expect(row.decided_at).toBeNull();
    else expect(row.decided_at?.getTime()).toBeGreaterThan(row.created_at.getTime());
  }
});
