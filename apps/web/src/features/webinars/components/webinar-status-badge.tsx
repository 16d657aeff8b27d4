import type { WebinarStatus } from '@webinar/contracts';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge.tsx';

export function WebinarStatusBadge({ status }: { status: WebinarStatus }) {
  const { t } = useTranslation('webinars');
  if (status === 'live') {
    return (
      <Badge tone="red">
        <span aria-hidden className="mr-1 size-1.5 motion-safe:animate-pulse rounded-full bg-red-500" />
        {t('status.live')}
      </Badge>
    );
  }
  return <Badge tone={status === 'scheduled' ? 'indigo' : 'gray'}>{t(`status.${status}`)}</Badge>;
}
