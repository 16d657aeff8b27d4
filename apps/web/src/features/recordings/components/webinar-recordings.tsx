import { useTranslation } from 'react-i18next';
import { Section } from '../../../components/ui/section.tsx';
import { QueryResults } from '../../../components/ui/states.tsx';
import { useWebinarRecordings } from '../api/get-webinar-recordings.ts';
import { RecordingList } from './recording-list.tsx';

/** One webinar's recordings (the server shows them to its host, admins and approved registrants). */
export function WebinarRecordings({ webinarId }: { webinarId: number }) {
  const { t } = useTranslation('recordings');
  const recordings = useWebinarRecordings(webinarId);
  return (
    <Section title={t('title')}>
      <QueryResults query={recordings} empty={t('emptyForWebinar')}>
        {(results) => <RecordingList recordings={results} showWebinar={false} />}
      </QueryResults>
    </Section>
  );
}
