// Creating, changing and deleting users, and presenting them: the one mapper decides which fields
// leave the server. A change that ends what a user may do (password, role, deletion) is announced
// on the event bus, so every server process forgets what it remembered of the user and ends their
// live streams at once.
import type { Role, User } from '@webinar/contracts';
import { AppError } from '../app-error.ts';
import { hashPassword } from '../auth/passwords.ts';
import { deleteUserSessions } from '../auth/sessions.repository.ts';
import { cleanEmail } from '../contact/contact-fields.ts';
import type { Db } from '../db/database.ts';
import type { UserRow } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import type { EventBus } from '../events/event-bus.ts';
import {
  countHostedWebinars,
  deleteUserRows,
  findUserByUsername,
  insertUser,
  updatePassword,
  updateRole,
} from './users.repository.ts';

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
  /** When the address was confirmed; left out, it is unverified until its link is opened. */
  emailVerifiedAt?: Date;
  displayName?: string;
}

const UNIQUE_VIOLATION = '23505';
const MIN_PASSWORD_LENGTH = 8;

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation_error', 'Password too short.', {
      password: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
    });
  }
}
const USERNAME = /^[A-Za-z0-9_.@+-]{1,150}$/;

export async function createUser(db: Db, input: NewUserInput): Promise<UserRow> {
  if (!USERNAME.test(input.username)) {
    throw new AppError('validation_error', 'Invalid username.', {
      username: 'use 1 to 150 letters, digits and @ . + - _',
    });
  }
  checkPassword(input.password);
  const email = cleanEmail(input.email ?? '');
  const taken = () => new AppError('conflict', `A user named ${input.username} already exists.`);
  if (await findUserByUsername(db, input.username)) throw taken();
  try {
    return await insertUser(db, {
      username: input.username,
      email,
      email_verified_at: email && input.emailVerifiedAt ? input.emailVerifiedAt : null,
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

export interface UserChangeDeps {
  db: Db;
  bus: EventBus;
}

const FOREIGN_KEY_VIOLATION = '23503';
const noSuchUser = () => AppError.notFound('User not found.');
const hostsWebinars = () =>
  new AppError('conflict', 'This user hosts webinars: delete them or give them another host first.');

/** Every session of the user ends and every token issued before is refused. */
export async function changePassword(deps: UserChangeDeps, userId: number, password: string): Promise<void> {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  await inTransaction(deps.db, async (tx) => {
    if (!(await updatePassword(tx.db, userId, passwordHash))) throw noSuchUser();
    await deleteUserSessions(tx.db, userId);
    tx.afterCommit(() => deps.bus.publish({ name: 'user_auth_changed', payload: { userId } }));
  });
}

/** The next request of the user, with any token or session, has the new role. */
export async function changeRole(deps: UserChangeDeps, userId: number, role: Role): Promise<void> {
  if (!(await updateRole(deps.db, userId, role))) throw noSuchUser();
  deps.bus.publish({ name: 'user_auth_changed', payload: { userId } });
}

/** A host of webinars is kept: their webinars need another host or deleting first. */
export async function deleteUser(deps: UserChangeDeps, userId: number): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    if ((await countHostedWebinars(tx.db, userId)) > 0) throw hostsWebinars();
    if (!(await deleteUserRows(tx.db, userId))) throw noSuchUser();
    tx.afterCommit(() => deps.bus.publish({ name: 'user_auth_changed', payload: { userId } }));
  }).catch((error: unknown) => {
    // A webinar was given to the user between the check and the delete.
    if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw hostsWebinars();
    throw error;
  });
}
