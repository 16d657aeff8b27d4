import type { RegistrationStatus } from '@webinar/contracts';
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx';

const TONES: Record<RegistrationStatus, BadgeTone> = { pending: 'amber', approved: 'green', rejected: 'red' };

/** The status word as the API says it: pending, approved, rejected. */
export function RegistrationStatusBadge({ status }: { status: RegistrationStatus }) {
  return <Badge tone={TONES[status]}>{status}</Badge>;
}
