import { NOTIFICATION_TYPE_LABELS, NOTIFICATION_TYPES, type NotificationType } from '@webinar/contracts';

export function isNotificationType(value: string): value is NotificationType {
  return (NOTIFICATION_TYPES as readonly string[]).includes(value);
}

/** One <option> per notification type, labelled as users see it. */
export function TypeOptions() {
  return NOTIFICATION_TYPES.map((type) => (
    <option key={type} value={type}>
      {NOTIFICATION_TYPE_LABELS[type]}
    </option>
  ));
}
