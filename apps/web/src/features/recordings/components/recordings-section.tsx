import { useTranslation } from 'react-i18next';
import { Section } from '../../../components/ui/section.tsx';
import { QueryResults } from '../../../components/ui/states.tsx';
import { useRecordings } from '../api/get-recordings.ts';
import { RecordingList } from './recording-list.tsx';

/** Every recording the user may watch. */
export function RecordingsSection() {
  const { t } = useTranslation('recordings');
  const recordings = useRecordings();
  return (
    <Section title={t('title')}>
      <QueryResults query={recordings} empty={t('empty')}>
        {(results) => <RecordingList recordings={results} showWebinar />}
      </QueryResults>
    </Section>
  );
}
