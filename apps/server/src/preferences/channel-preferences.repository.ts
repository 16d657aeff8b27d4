// All SQL about users' overrides of the delivery policies, one row per (type, channel) overridden.
import type { DeliveryChannel, NotificationType } from '@webinar/contracts';
import type { Db } from '../db/database.ts';

export interface ChannelOverride {
  notification_type: NotificationType;
  enabled: boolean;
}

export function listOverrides(db: Db, userId: number, channel: DeliveryChannel): Promise<ChannelOverride[]> {
  return db
    .selectFrom('channel_preferences')
    .select(['notification_type', 'enabled'])
    .where('user_id', '=', userId)
    .where('channel', '=', channel)
    .execute();
}

export async function findOverride(
  db: Db,
  userId: number,
  type: NotificationType,
  channel: DeliveryChannel,
): Promise<boolean | undefined> {
  const row = await db
    .selectFrom('channel_preferences')
    .select('enabled')
    .where('user_id', '=', userId)
    .where('notification_type', '=', type)
    .where('channel', '=', channel)
    .executeTakeFirst();
  return row?.enabled;
}

/** Turns the type on or off on the channel for the user; null goes back to the policy. */
export async function setOverride(
  db: Db,
  userId: number,
  type: NotificationType,
  channel: DeliveryChannel,
  enabled: boolean | null,
): Promise<void> {
  if (enabled === null) {
    await db
      .deleteFrom('channel_preferences')
      .where('user_id', '=', userId)
      .where('notification_type', '=', type)
      .where('channel', '=', channel)
      .execute();
    return;
  }
  await db
    .insertInto('channel_preferences')
    .values({ user_id: userId, notification_type: type, channel, enabled })
    .onConflict((oc) => oc.columns(['user_id', 'notification_type', 'channel']).doUpdateSet({ enabled }))
    .execute();
}
