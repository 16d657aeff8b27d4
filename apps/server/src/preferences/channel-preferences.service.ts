// A user's matrix of notification types by channels. In-app is the existing mute list (only
// `system` cannot be muted); email is the admin's policy unless the user overrode it. Email needs
// in-app: a muted type creates no notification, so nothing is emailed for it either.
import {
  type ChannelPreferenceRow,
  type ChannelPreferences,
  type ChannelPreferencesUpdate,
  type DeliveryPolicy,
  NOTIFICATION_TYPES,
  type NotificationType,
  UNMUTABLE_TYPES,
} from '@webinar/contracts';
import type { AppDeps } from '../app-deps.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError } from '../http/app-error.ts';
import { setMuted } from '../notifications/notifications.repository.ts';
import { findOverride, listOverrides, setOverride } from './channel-preferences.repository.ts';
import { findPolicy } from './delivery-policies.repository.ts';
import { channelPolicies } from './delivery-policies.service.ts';

export type ChannelPreferencesDeps = Pick<AppDeps, 'db' | 'notifications'>;

/** Whether the user's email carries the type: their override, else whether the policy sends it. */
function emailEnabled(override: boolean | undefined, policy: Pick<DeliveryPolicy, 'timing'> | undefined) {
  return override ?? (policy !== undefined && policy.timing !== 'off');
}

export async function isEmailEnabled(db: Db, userId: number, type: NotificationType): Promise<boolean> {
  return emailEnabled(await findOverride(db, userId, type, 'email'), await findPolicy(db, type, 'email'));
}

export async function getChannelPreferences(
  deps: ChannelPreferencesDeps,
  userId: number,
): Promise<ChannelPreferences> {
  const { db, notifications } = deps;
  const inApp = await notifications.preferences(db, userId);
  const policies = await channelPolicies(db, 'email');
  const overrides = new Map(
    (await listOverrides(db, userId, 'email')).map((row) => [row.notification_type, row.enabled]),
  );
  const results = NOTIFICATION_TYPES.map((type): ChannelPreferenceRow => {
    const policy = policies.get(type) as DeliveryPolicy;
    const override = overrides.get(type);
    return {
      notification_type: type,
      // Receiving is the in-app default: only mutes are stored.
      in_app: { enabled: inApp[type], is_default: inApp[type], editable: !UNMUTABLE_TYPES.includes(type) },
      email: { enabled: emailEnabled(override, policy), is_default: override === undefined, editable: true },
      email_timing: policy.timing,
      email_delay_minutes: policy.delay_minutes,
    };
  });
  return { results };
}

export async function updateChannelPreferences(
  deps: ChannelPreferencesDeps,
  userId: number,
  update: ChannelPreferencesUpdate,
): Promise<ChannelPreferences> {
  for (const type of UNMUTABLE_TYPES) {
    if (update[type]?.in_app === false) {
      throw new AppError('validation_error', 'The request is invalid.', {
        [`${type}.in_app`]: 'cannot be muted',
      });
    }
  }
  await inTransaction(deps.db, async (tx) => {
    for (const type of NOTIFICATION_TYPES) {
      const change = update[type];
      if (change?.in_app !== undefined && !UNMUTABLE_TYPES.includes(type))
        await setMuted(tx.db, userId, type, !change.in_app);
      if (change?.email !== undefined) await setOverride(tx.db, userId, type, 'email', change.email);
    }
  });
  return getChannelPreferences(deps, userId);
}
