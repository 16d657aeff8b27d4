// The admins' defaults: for each notification type and delivery channel, when (and whether) it is
// sent. A type without a row is not sent on that channel.
import {
  type DeliveryChannel,
  type DeliveryPolicy,
  type DeliveryPolicyList,
  type DeliveryPolicyUpdate,
  NOTIFICATION_TYPES,
  type NotificationType,
} from '@webinar/contracts';
import { AppError } from '../app-error.ts';
import type { Db } from '../db/database.ts';
import { type DeliveryPolicyRow, listPolicies, savePolicy } from './delivery-policies.repository.ts';

/** Every type's policy on the channel, in the order of NOTIFICATION_TYPES. */
export async function channelPolicies(
  db: Db,
  channel: DeliveryChannel,
): Promise<Map<NotificationType, DeliveryPolicy>> {
  const stored = new Map((await listPolicies(db, channel)).map((row) => [row.notification_type, row]));
  return new Map(
    NOTIFICATION_TYPES.map((type) => [
      type,
      toPolicy(stored.get(type) ?? { notification_type: type, channel, timing: 'off', delay_minutes: 0 }),
    ]),
  );
}

function toPolicy(row: DeliveryPolicyRow): DeliveryPolicy {
  return {
    notification_type: row.notification_type,
    channel: row.channel,
    timing: row.timing,
    delay_minutes: row.delay_minutes,
  };
}

/** Every type's email policy, then every type's push policy. */
export async function listDeliveryPolicies(db: Db): Promise<DeliveryPolicyList> {
  return {
    results: [
      ...(await channelPolicies(db, 'email')).values(),
      ...(await channelPolicies(db, 'push')).values(),
    ],
  };
}

export async function updateDeliveryPolicy(
  db: Db,
  type: NotificationType,
  channel: DeliveryChannel,
  update: DeliveryPolicyUpdate,
): Promise<DeliveryPolicy> {
  if (channel === 'push' && update.timing === 'digest')
    throw new AppError('validation_error', 'The request is invalid.', {
      timing: 'push carries one notification at a time: off, immediate or if_unread',
    });
  const waits = update.timing === 'if_unread' || update.timing === 'digest';
  if (waits && !update.delay_minutes) {
    const what = update.timing === 'digest' ? 'the length of a digest window' : 'how long to wait for a read';
    throw new AppError('validation_error', 'The request is invalid.', {
      delay_minutes: `is required with ${update.timing}: ${what}, at least 1 minute`,
    });
  }
  // Sending at once or never has no delay: whatever was given is not kept.
  const delay = waits ? (update.delay_minutes as number) : 0;
  return toPolicy(
    await savePolicy(db, { notification_type: type, channel, timing: update.timing, delay_minutes: delay }),
  );
}
