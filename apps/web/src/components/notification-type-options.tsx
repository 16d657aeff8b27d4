import { NOTIFICATION_TYPES, type NotificationType } from '@webinar/contracts';
import { useTranslation } from 'react-i18next';

export function isNotificationType(value: string): value is NotificationType {
  return (NOTIFICATION_TYPES as readonly string[]).includes(value);
}

/** One <option> per notification type, labelled as users see it. */
export function TypeOptions() {
  const { t } = useTranslation();
  return NOTIFICATION_TYPES.map((type) => (
    <option key={type} value={type}>
      {t(`notificationType.${type}`)}
    </option>
  ));
}
