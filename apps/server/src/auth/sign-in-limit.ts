// Slows password guessing without letting anyone lock a user out. Every attempt at a password
// (POST /api/auth/token/ and /api/auth/login/) counts, in the database so that every server
// process on it shares the budget:
// - against its client address: LOGIN_RATE_LIMIT a minute, successful or not; an IPv6 client is
//   counted by its /64 network, since one client is given a whole /64 to pick addresses from
//   (normalizeIP of @fastify/rate-limit, which did the counting before it was shared);
// - then against the username: LOGIN_USER_LIMIT failures an hour, so that a guess at one
//   account from many addresses is slowed too. A client with the user's device cookie (it signed
//   in as them before, see device-cookie.ts) is counted on its own instead: a guesser elsewhere
//   cannot lock the owner out of the devices they use, and a stolen cookie guesses no faster.
// Unknown usernames are counted like known ones, so a 429 says nothing about who has an account.
import { normalizeIP } from '@fastify/rate-limit';
import { AppError } from '../app-error.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import {
  type AttemptCount,
  countAttempt,
  deleteFinishedWindows,
  uncountAttempt,
} from './sign-in-attempts.repository.ts';

const ADDRESS_WINDOW_MS = 60_000;
const USERNAME_WINDOW_MS = 3_600_000;
/** How often a process deletes the counts whose window is over. */
const SWEEP_INTERVAL_MS = 60_000;

export interface SignInAttempt {
  /** As the server sees it (request.ip: the peer, or the client a trusted proxy names). */
  address: string;
  username: string;
  /** From a valid device cookie of this username, if the client sent one. */
  deviceId: string | undefined;
}

export interface SignInLimiter {
  /** Counts an attempt, or refuses it with rate_limited (429, Retry-After) when over a limit. */
  admit(attempt: SignInAttempt): Promise<{ succeeded(): Promise<void> }>;
}

export function createSignInLimiter(options: {
  db: Db;
  clock: Clock;
  perAddressPerMinute: number;
  perUsernamePerHour: number;
}): SignInLimiter {
  const { db, clock } = options;
  let lastSweepMs = Number.NEGATIVE_INFINITY;

  function refuseOver(count: AttemptCount, limit: number, now: Date, which: string): void {
    if (count.attempts <= limit) return;
    const seconds = Math.max(1, Math.ceil((count.resetsAt.getTime() - now.getTime()) / 1000));
    throw AppError.rateLimited(
      `Too many sign-in attempts ${which}. Try again in ${seconds} seconds.`,
      seconds,
    );
  }

  return {
    async admit({ address, username, deviceId }) {
      const now = clock.now();
      if (now.getTime() - lastSweepMs >= SWEEP_INTERVAL_MS) {
        lastSweepMs = now.getTime();
        await deleteFinishedWindows(db, now);
      }
      const byAddress = await countAttempt(db, `address:${normalizeIP(address)}`, now, ADDRESS_WINDOW_MS);
      refuseOver(byAddress, options.perAddressPerMinute, now, 'from this address');
      // Counted only once the address is within its limit: one blocked address cannot use up a
      // username's budget by itself.
      const accountKey = deviceId === undefined ? `username:${username}` : `device:${deviceId}`;
      const byAccount = await countAttempt(db, accountKey, now, USERNAME_WINDOW_MS);
      refuseOver(byAccount, options.perUsernamePerHour, now, 'for this username');
      return { succeeded: () => uncountAttempt(db, accountKey, byAccount.resetsAt) };
    },
  };
}
