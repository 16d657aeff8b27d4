// A delivery timing in words, as the settings page and the admins' policies page show it.
import type { DeliveryTiming } from '@webinar/contracts';
import { pluralize } from '../../lib/format.ts';

export const TIMING_LABELS: Record<DeliveryTiming, string> = {
  off: 'Off',
  immediate: 'At once',
  if_unread: 'If still unread',
  digest: 'Digest',
};

/** Whether the timing has a delay (if_unread) or a window (digest) in minutes. */
export function timingHasDelay(timing: DeliveryTiming): boolean {
  return timing === 'if_unread' || timing === 'digest';
}

/** "At once", "If still unread after 15 minutes", "One email per 60 minutes", "Off by default". */
export function describeTiming(timing: DeliveryTiming, delayMinutes: number): string {
  switch (timing) {
    case 'immediate':
      return 'At once';
    case 'if_unread':
      return `If still unread after ${pluralize(delayMinutes, 'minute')}`;
    case 'digest':
      return `One email per ${pluralize(delayMinutes, 'minute')}`;
    case 'off':
      return 'Off by default';
  }
}
