import type { DeliveryStatus } from '@webinar/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx';

const TONES: Record<DeliveryStatus, BadgeTone> = {
  pending: 'indigo',
  sending: 'indigo',
  retrying: 'amber',
  sent: 'green',
  failed: 'red',
  skipped: 'gray',
};

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation('deliveries');
  return <Badge tone={TONES[status]}>{t(`status.${status}`)}</Badge>;
}
