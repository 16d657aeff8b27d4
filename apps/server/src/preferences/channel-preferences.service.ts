// A user's matrix of notification types by channels. In-app is the existing mute list (only
// `system` cannot be muted); email and push are the admin's policy unless the user overrode it.
// Both need in-app: a muted type creates no notification, so nothing is emailed or pushed for it.
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
import { AppError } from '../app-error.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { setMuted } from '../notifications/notifications.repository.ts';
import { findOverride, listOverrides, setOverride } from './channel-preferences.repository.ts';
import { findPolicy } from './delivery-policies.repository.ts';
import { channelPolicies } from './delivery-policies.service.ts';

export type ChannelPreferencesDeps = Pick<AppDeps, 'db' | 'notifications'>;

/** Whether the user's channel carries the type: their override, else whether the policy sends it. */
function channelEnabled(override: boolean | undefined, policy: Pick<DeliveryPolicy, 'timing'> | undefined) {
  return override ?? (policy !== undefined && policy.timing !== 'off');
}

export async function isEmailEnabled(db: Db, userId: number, type: NotificationType): Promise<boolean> {
  return channelEnabled(await findOverride(db, userId, type, 'email'), await findPolicy(db, type, 'email'));
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
  const pushPolicies = await channelPolicies(db, 'push');
  const pushOverrides = new Map(
    (await listOverrides(db, userId, 'push')).map((row) => [row.notification_type, row.enabled]),
  );
  const results = NOTIFICATION_TYPES.map((type): ChannelPreferenceRow => {
    const policy = policies.get(type) as DeliveryPolicy;
    const override = overrides.get(type);
    const pushPolicy = pushPolicies.get(type) as DeliveryPolicy;
    const pushOverride = pushOverrides.get(type);
    return {
      notification_type: type,
      // Receiving is the in-app default: only mutes are stored.
      in_app: { enabled: inApp[type], is_default: inApp[type], editable: !UNMUTABLE_TYPES.includes(type) },
      email: {
        enabled: channelEnabled(override, policy),
        is_default: override === undefined,
        editable: true,
      },
      email_timing: policy.timing,
      email_delay_minutes: policy.delay_minutes,
      push: {
        enabled: channelEnabled(pushOverride, pushPolicy),
        is_default: pushOverride === undefined,
        editable: true,
      },
      push_timing: pushPolicy.timing,
      push_delay_minutes: pushPolicy.delay_minutes,
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
      if (change?.push !== undefined) await setOverride(tx.db, userId, type, 'push', change.push);
    }
  });
  return getChannelPreferences(deps, userId);
}
