import { NOTIFICATION_TYPES } from '@webinar/contracts';
import { useTranslation } from 'react-i18next';

/** One <option> per notification type, labelled as users see it. */
export function TypeOptions() {
  const { t } = useTranslation();
  return NOTIFICATION_TYPES.map((type) => (
    <option key={type} value={type}>
      {t(`notificationType.${type}`)}
    </option>
  ));
}
