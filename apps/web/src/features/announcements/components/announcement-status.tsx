// Where an announcement stands, as a badge and a line under it: scheduled (when, and how soon),
// sent, cancelled, or missed because no server was running at its time.
import type { Announcement } from '@webinar/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx';
import { formatDateTime, formatRelative } from '../../../lib/format.ts';
import { i18n } from '../../../lib/i18n.ts';

const TONES: Record<Announcement['state'], BadgeTone> = {
  scheduled: 'indigo',
  sent: 'green',
  cancelled: 'gray',
  missed: 'amber',
};

function detail(announcement: Announcement, now: Date): string {
  const sendAt = announcement.send_at;
  switch (announcement.state) {
    case 'scheduled':
      return sendAt
        ? i18n.t('announcements:status.scheduledFor', {
            time: formatDateTime(sendAt),
            relative: formatRelative(sendAt, now),
          })
        : '';
    case 'sent':
      return formatDateTime(announcement.sent_at ?? announcement.created_at);
    case 'cancelled':
      return sendAt ? i18n.t('announcements:status.wasToGo', { time: formatDateTime(sendAt) }) : '';
    case 'missed':
      return sendAt
        ? i18n.t('announcements:status.serverDownAt', { time: formatDateTime(sendAt) })
        : i18n.t('announcements:status.serverDown');
  }
}

export function AnnouncementStatus({ announcement, now }: { announcement: Announcement; now: Date }) {
  const { t } = useTranslation('announcements');
  return (
    <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
      <Badge tone={TONES[announcement.state]}>{t(`state.${announcement.state}`)}</Badge>
      <span>{detail(announcement, now)}</span>
    </p>
  );
}
