import type { WebinarStatus } from '@webinar/contracts';
import { Badge } from '../../../components/ui/badge.tsx';

const LABELS: Record<WebinarStatus, string> = { scheduled: 'Scheduled', live: 'Live', ended: 'Ended' };

export function WebinarStatusBadge({ status }: { status: WebinarStatus }) {
  if (status === 'live') {
    return (
      <Badge tone="red">
        <span aria-hidden className="mr-1 size-1.5 animate-pulse rounded-full bg-red-500" />
        {LABELS.live}
      </Badge>
    );
  }
  return <Badge tone={status === 'scheduled' ? 'indigo' : 'gray'}>{LABELS[status]}</Badge>;
}
