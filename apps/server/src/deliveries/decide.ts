// Whether a due delivery still goes out, decided when it is due rather than when it was queued:
// the user may have read the notification, turned the email off, or lost their address since.
// Push follows the same rules; in place of an address it needs at least one subscribed browser.
import type { DeliveryToSend } from './deliveries.repository.ts';

export type Decision = { send: true; address: string } | { send: false; reason: string };

export const SKIP_REASONS = {
  userDeleted: 'the user no longer exists',
  notificationDeleted: 'the notification was deleted',
  mutedInApp: 'the user muted this type',
  emailOff: 'email is off for this type',
  pushOff: 'push is off for this type',
  noBrowser: 'no browser subscribed',
  read: 'read in time',
  noAddress: 'no verified address',
  addressFailing: 'the address is failing',
  addressChanged: 'the address changed since',
  alreadyVerified: 'the address is verified already',
} as const;

export function decide(delivery: DeliveryToSend): Decision {
  if (delivery.username === null) return { send: false, reason: SKIP_REASONS.userDeleted };
  if (delivery.purpose === 'test') {
    return delivery.payload?.address
      ? { send: true, address: delivery.payload.address }
      : { send: false, reason: SKIP_REASONS.noAddress };
  }
  if (delivery.purpose === 'email_verification') {
    const address = delivery.payload?.address;
    if (!address || address !== delivery.email) return { send: false, reason: SKIP_REASONS.addressChanged };
    if (delivery.email_verified_at) return { send: false, reason: SKIP_REASONS.alreadyVerified };
    return { send: true, address };
  }
  if (delivery.title === null) return { send: false, reason: SKIP_REASONS.notificationDeleted };
  if (delivery.muted_in_app) return { send: false, reason: SKIP_REASONS.mutedInApp };
  if (!(delivery.email_override ?? (delivery.timing !== null && delivery.timing !== 'off')))
    return {
      send: false,
      reason: delivery.channel === 'push' ? SKIP_REASONS.pushOff : SKIP_REASONS.emailOff,
    };
  if (delivery.timing === 'if_unread' && delivery.is_read) return { send: false, reason: SKIP_REASONS.read };
  if (delivery.channel === 'push') {
    const browsers = delivery.push_subscriptions;
    if (browsers === 0) return { send: false, reason: SKIP_REASONS.noBrowser };
    return { send: true, address: browsers === 1 ? '1 browser' : `${browsers} browsers` };
  }
  if (!delivery.email || !delivery.email_verified_at) return { send: false, reason: SKIP_REASONS.noAddress };
  if (delivery.email_failed_at) return { send: false, reason: SKIP_REASONS.addressFailing };
  return { send: true, address: delivery.email };
}
