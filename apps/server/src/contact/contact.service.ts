// A user's contact settings: the address notifications are emailed to (used once its link has
// confirmed it) and the time zone emails give times in. A new address queues its verification
// email in the same transaction, and the delivery worker is woken once that has committed.
import type { ContactSettings, ContactSettingsUpdate, EmailStatus } from '@webinar/contracts';
import type { AppDeps } from '../app-deps.ts';
import { AppError } from '../app-error.ts';
import type { Db } from '../db/database.ts';
import { inTransaction, type Tx } from '../db/transaction.ts';
import {
  type ContactRow,
  findContact,
  latestVerification,
  lockContact,
  markVerified,
  queueVerification,
  updateContact,
} from './contact.repository.ts';
import { cleanEmail, cleanTimeZone } from './contact-fields.ts';

/** At most one verification email a minute per user: a resend button is easy to press twice. */
export const VERIFICATION_SPACING_MS = 60_000;

export type ContactDeps = Pick<AppDeps, 'db' | 'clock' | 'signedLinks' | 'deliveryWorker'>;

function emailStatusOf(row: ContactRow): EmailStatus {
  if (row.email === '') return 'none';
  if (row.email_failed_at) return 'failing';
  return row.email_verified_at ? 'verified' : 'unverified';
}

function toContactSettings(row: ContactRow): ContactSettings {
  return {
    email: row.email,
    email_status: emailStatusOf(row),
    email_failure: row.email_failed_at ? row.email_failure : null,
    time_zone: row.time_zone,
  };
}

const accountGone = () => AppError.unauthorized('This account no longer exists.');

async function lockedContact(tx: Tx, userId: number): Promise<ContactRow> {
  const row = await lockContact(tx.db, userId);
  if (!row) throw accountGone();
  return row;
}

/** Queues the email that confirms `address` and wakes the worker once the transaction commits. */
function sendVerification(deps: ContactDeps, tx: Tx, userId: number, address: string, dueAt: Date) {
  tx.afterCommit(() => deps.deliveryWorker.wake());
  return queueVerification(tx.db, userId, address, deps.clock.now(), dueAt);
}

export async function getContact(db: Db, userId: number): Promise<ContactSettings> {
  const row = await findContact(db, userId);
  if (!row) throw accountGone();
  return toContactSettings(row);
}

export async function changeContact(
  deps: ContactDeps,
  userId: number,
  update: ContactSettingsUpdate,
): Promise<ContactSettings> {
  const email = update.email === undefined ? undefined : cleanEmail(update.email);
  const timeZone = update.time_zone === undefined ? undefined : cleanTimeZone(update.time_zone);
  return inTransaction(deps.db, async (tx) => {
    const row = await lockedContact(tx, userId);
    const changes: { email?: string; time_zone?: string } = {};
    if (email !== undefined && email !== row.email) changes.email = email;
    if (timeZone !== undefined && timeZone !== row.time_zone) changes.time_zone = timeZone;
    if (Object.keys(changes).length === 0) return toContactSettings(row);
    // A new address starts unverified and with no failure: those belonged to the old one.
    const reset =
      changes.email !== undefined
        ? { email_verified_at: null, email_failed_at: null, email_failure: null }
        : {};
    await updateContact(tx.db, userId, { ...changes, ...reset });
    if (changes.email) {
      // Changing the address again and again must not mail faster than the resend button can.
      const now = deps.clock.now();
      const previous = await latestVerification(tx.db, userId);
      const spaced = previous ? previous.due_at.getTime() + VERIFICATION_SPACING_MS : 0;
      await sendVerification(deps, tx, userId, changes.email, new Date(Math.max(now.getTime(), spaced)));
    }
    return toContactSettings((await findContact(tx.db, userId)) as ContactRow);
  });
}

/** Another verification email for the current, not yet verified (or failing) address. */
export async function resendVerification(deps: ContactDeps, userId: number): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const row = await lockedContact(tx, userId);
    const status = emailStatusOf(row);
    if (status === 'none')
      throw new AppError('conflict', 'There is no email address to verify: add one first.');
    if (status === 'verified') throw new AppError('conflict', 'This email address is already verified.');
    const now = deps.clock.now();
    const previous = await latestVerification(tx.db, userId);
    const waitMs = previous ? previous.created_at.getTime() + VERIFICATION_SPACING_MS - now.getTime() : 0;
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw AppError.rateLimited(
        `A verification email was sent less than a minute ago. Try again in ${seconds} s.`,
        seconds,
      );
    }
    await sendVerification(deps, tx, userId, row.email, now);
  });
}

const invalidLink = (message: string) => new AppError('invalid_link', message);

/** Confirms the address a verification link was sent to, if it is still the user's. */
export async function verifyEmail(deps: ContactDeps, token: string): Promise<{ email: string }> {
  const claims = deps.signedLinks.readVerification(token);
  if (!claims)
    throw invalidLink(
      'This verification link is invalid or has expired. Ask for a new one in your notification settings.',
    );
  const row = await findContact(deps.db, claims.userId);
  if (!row) throw invalidLink('This verification link is for an account that no longer exists.');
  const outdated = () =>
    invalidLink(
      'This verification link is for an address that is no longer on the account. Open the link of the newest email.',
    );
  if (row.email !== claims.email) throw outdated();
  if (emailStatusOf(row) === 'verified') return { email: row.email };
  // The address may have changed since it was read: the update checks it again.
  if (!(await markVerified(deps.db, claims.userId, claims.email, deps.clock.now()))) throw outdated();
  return { email: claims.email };
}
