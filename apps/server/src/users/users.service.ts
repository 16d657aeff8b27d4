// Creating users and presenting them: the one mapper decides which fields leave the server.
import type { Role, User } from '@webinar/contracts';
import { hashPassword } from '../auth/passwords.ts';
import type { UserRow } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import { type Db, findUserByUsername, insertUser } from './users.repository.ts';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    display_name: row.display_name,
    role: row.role,
    created_at: row.created_at.toISOString(),
  };
}

export interface NewUserInput {
  username: string;
  password: string;
  role: Role;
  email?: string;
  displayName?: string;
}

const UNIQUE_VIOLATION = '23505';
const USERNAME = /^[A-Za-z0-9_.@+-]{1,150}$/;

export async function createUser(db: Db, input: NewUserInput): Promise<UserRow> {
  if (!USERNAME.test(input.username)) {
    throw new AppError('validation_error', 'Invalid username.', {
      username: 'use 1 to 150 letters, digits and @ . + - _',
    });
  }
  if (input.password.length < 8) {
    throw new AppError('validation_error', 'Password too short.', {
      password: 'must be at least 8 characters',
    });
  }
  const taken = () => new AppError('conflict', `A user named ${input.username} already exists.`);
  if (await findUserByUsername(db, input.username)) throw taken();
  try {
    return await insertUser(db, {
      username: input.username,
      email: input.email ?? '',
      display_name: input.displayName ?? input.username,
      password_hash: await hashPassword(input.password),
      role: input.role,
    });
  } catch (error) {
    // Another request created the same name between the check and the insert.
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw taken();
    throw error;
  }
}
