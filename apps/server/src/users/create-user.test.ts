import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { AppError } from '../app-error.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { createUser } from './users.service.ts';

let database: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const input = { password: 'long-enough-password', role: 'student' as const };

it('an account created with an address has it unverified, trimmed', async () => {
  const row = await createUser(database.db, { ...input, username: 'dana', email: ' dana@example.org ' });
  expect(row.email).toBe('dana@example.org');
  expect(row.email_verified_at).toBeNull();
});

it('an account created without an address has none, even when told it is verified', async () => {
  const row = await createUser(database.db, { ...input, username: 'eve', emailVerifiedAt: new Date() });
  expect(row.email).toBe('');
  expect(row.email_verified_at).toBeNull();
});

it('an address that is not one is refused, and no account is created', async () => {
  const error = await createUser(database.db, {
    ...input,
    username: 'frank',
    email: 'frank at example',
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).fields).toHaveProperty('email');
  const row = await database.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'frank')
    .executeTakeFirst();
  expect(row).toBeUndefined();
});
