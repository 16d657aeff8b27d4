// Checking credentials and minting tokens and sessions.
import type { TokenPair } from '@webinar/contracts';
import { AppError } from '../app-error.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { UserRow } from '../db/schema.ts';
import { findUserById, findUserByUsername } from '../users/users.repository.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwords.ts';
import { createSession, deleteSession } from './sessions.repository.ts';
import type { SignInAttempt, SignInLimiter } from './sign-in-limit.ts';
import type { TokenService } from './tokens.ts';

/** The same answer, in about the same time, for an unknown user and a wrong password. */
export async function checkCredentials(db: Db, username: string, password: string): Promise<UserRow> {
  const user = await findUserByUsername(db, username);
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok) {
    throw new AppError('invalid_credentials', 'No active account found with the given credentials.');
  }
  return user;
}

/** A password sign-in: counted by the limiter first, then checked; a success is not held against the user. */
export async function signIn(
  db: Db,
  limiter: SignInLimiter,
  attempt: SignInAttempt,
  password: string,
): Promise<UserRow> {
  const admitted = await limiter.admit(attempt);
  const user = await checkCredentials(db, attempt.username, password);
  await admitted.succeeded();
  return user;
}

export async function issueTokenPair(
  tokens: TokenService,
  user: Pick<UserRow, 'id' | 'role' | 'auth_version'>,
): Promise<TokenPair> {
  const [access, refresh] = await Promise.all([
    tokens.issue(user.id, user.role, 'access', user.auth_version),
    tokens.issue(user.id, user.role, 'refresh', user.auth_version),
  ]);
  return { access, refresh };
}

/**
 * A new access token for a valid refresh token whose user still exists (with its current role) and
 * has not changed their password since.
 */
export async function refreshAccessToken(db: Db, tokens: TokenService, refresh: string): Promise<string> {
  const claims = await tokens.verify(refresh, 'refresh');
  const user = claims && (await findUserById(db, claims.userId));
  if (!user || user.auth_version !== claims.authVersion)
    throw new AppError('token_invalid', 'Token is invalid or expired.');
  return tokens.issue(user.id, user.role, 'access', user.auth_version);
}

export function startSession(db: Db, clock: Clock, userId: number, ttlSeconds: number): Promise<string> {
  return createSession(db, userId, new Date(clock.now().getTime() + ttlSeconds * 1000));
}

/** Ends a browser session; returns its user and hash (for its streams to end), or undefined when there was none. */
export function endSession(db: Db, sessionToken: string) {
  return deleteSession(db, sessionToken);
}

/** The signed-in user's account; a 401 when it was deleted meanwhile. */
export async function signedInUser(db: Db, userId: number): Promise<UserRow> {
  const user = await findUserById(db, userId);
  if (!user) throw AppError.unauthorized('This account no longer exists.');
  return user;
}
