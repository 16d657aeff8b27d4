import type { RegistrationStatus } from '@webinar/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx';

const TONES: Record<RegistrationStatus, BadgeTone> = { pending: 'amber', approved: 'green', rejected: 'red' };

/** The status in a word: pending, approved, rejected. */
export function RegistrationStatusBadge({ status }: { status: RegistrationStatus }) {
  const { t } = useTranslation('registrations');
  return <Badge tone={TONES[status]}>{t(`status.${status}`)}</Badge>;
}
