// A delivery timing in words, as the settings page and the admins' policies page show it.
import type { DeliveryTiming } from '@webinar/contracts';
import { i18n } from './i18n.ts';

/** "Off", "At once", "If still unread", "Digest". */
export function timingLabel(timing: DeliveryTiming): string {
  return i18n.t(`delivery-policies:timing.${timing}`);
}

/** Whether the timing has a delay (if_unread) or a window (digest) in minutes. */
export function timingHasDelay(timing: DeliveryTiming): boolean {
  return timing === 'if_unread' || timing === 'digest';
}

/** "At once", "If still unread after 15 minutes", "One email per 60 minutes", "Off by default". */
export function describeTiming(timing: DeliveryTiming, delayMinutes: number): string {
  return i18n.t(`delivery-policies:describe.${timing}`, { count: delayMinutes });
}
