import type { DeliveryStatus } from '@webinar/contracts';
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx';

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  sending: 'Sending',
  retrying: 'Retrying',
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Skipped',
};

const TONES: Record<DeliveryStatus, BadgeTone> = {
  pending: 'indigo',
  sending: 'indigo',
  retrying: 'amber',
  sent: 'green',
  failed: 'red',
  skipped: 'gray',
};

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  return <Badge tone={TONES[status]}>{DELIVERY_STATUS_LABELS[status]}</Badge>;
}
