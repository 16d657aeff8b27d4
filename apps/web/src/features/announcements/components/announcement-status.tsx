// Where an announcement stands, as a badge and a line under it: scheduled (when, and how soon),
// sent, cancelled, or missed because no server was running at its time.
import type { Announcement } from '@webinar/contracts';
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx';
import { formatDateTime, formatRelative } from '../../../lib/format.ts';

const BADGES: Record<Announcement['state'], { label: string; tone: BadgeTone }> = {
  scheduled: { label: 'Scheduled', tone: 'indigo' },
  sent: { label: 'Sent', tone: 'green' },
  cancelled: { label: 'Cancelled', tone: 'gray' },
  missed: { label: 'Missed', tone: 'amber' },
};

function detail(announcement: Announcement, now: Date): string {
  const sendAt = announcement.send_at;
  switch (announcement.state) {
    case 'scheduled':
      return sendAt ? `${formatDateTime(sendAt)} (${formatRelative(sendAt, now)})` : '';
    case 'sent':
      return formatDateTime(announcement.sent_at ?? announcement.created_at);
    case 'cancelled':
      return sendAt ? `was to go ${formatDateTime(sendAt)}` : '';
    case 'missed':
      return sendAt ? `(server was down at ${formatDateTime(sendAt)})` : '(server was down)';
  }
}

export function AnnouncementStatus({ announcement, now }: { announcement: Announcement; now: Date }) {
  const badge = BADGES[announcement.state];
  return (
    <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
      <Badge tone={badge.tone}>{badge.label}</Badge>
      <span>{detail(announcement, now)}</span>
    </p>
  );
}
