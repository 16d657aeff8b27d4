// What an unsubscribe link can do: show whether its notification type is emailed to its user, and
// turn that off (or back on). No sign-in: the signed token names the user and the type, and works
// for nothing else.
import { NOTIFICATION_TYPE_LABELS, type UnsubscribeState } from '@webinar/contracts';
import type { AppDeps } from '../app-deps.ts';
import { AppError } from '../app-error.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { UnsubscribeClaims } from '../deliveries/signed-links.ts';
import { setOverride } from '../preferences/channel-preferences.repository.ts';
import { isEmailEnabled } from '../preferences/channel-preferences.service.ts';
import { findContact, lockContact } from './contact.repository.ts';

export type UnsubscribeDeps = Pick<AppDeps, 'db' | 'signedLinks'>;

function readToken(deps: UnsubscribeDeps, token: string): UnsubscribeClaims {
  const claims = deps.signedLinks.readUnsubscribe(token);
  if (!claims) {
    throw new AppError(
      'invalid_link',
      'This unsubscribe link is invalid or has expired. Change your email settings in your notification settings instead.',
    );
  }
  return claims;
}

const accountGone = () =>
  new AppError('invalid_link', 'This unsubscribe link is for an account that no longer exists.');

async function stateOf(db: Db, claims: UnsubscribeClaims, email: string): Promise<UnsubscribeState> {
  return {
    notification_type: claims.type,
    type_label: NOTIFICATION_TYPE_LABELS[claims.type],
    email,
    subscribed: await isEmailEnabled(db, claims.userId, claims.type),
  };
}

export async function lookupUnsubscribe(deps: UnsubscribeDeps, token: string): Promise<UnsubscribeState> {
  const claims = readToken(deps, token);
  const contact = await findContact(deps.db, claims.userId);
  if (!contact) throw accountGone();
  return stateOf(deps.db, claims, contact.email);
}

/** Emails the link's type to its user again (true) or no more (false), whatever the admins' default. */
export async function changeSubscription(
  deps: UnsubscribeDeps,
  token: string,
  subscribed: boolean,
): Promise<UnsubscribeState> {
  const claims = readToken(deps, token);
  return inTransaction(deps.db, async (tx) => {
    // Locked, so that the user cannot be deleted between the check and the write.
    const contact = await lockContact(tx.db, claims.userId);
    if (!contact) throw accountGone();
    await setOverride(tx.db, claims.userId, claims.type, 'email', subscribed);
    return stateOf(tx.db, claims, contact.email);
  });
}
