// The dashboard's "Recordings": add one to a webinar the user manages (its approved registrants are
// notified), and every recording they may see.
import { useTranslation } from 'react-i18next';
import { Section } from '../../../components/ui/section.tsx';
import { QueryResults } from '../../../components/ui/states.tsx';
import { useToast } from '../../../components/ui/toast.tsx';
import { notifiedMessage } from '../../../lib/format.ts';
import { useRecordings } from '../api/get-recordings.ts';
import { AddRecordingForm } from './add-recording-form.tsx';
import { RecordingList } from './recording-list.tsx';

export function ManageRecordings({ webinars }: { webinars: Array<{ id: number; title: string }> }) {
  const { t } = useTranslation('recordings');
  const recordings = useRecordings();
  const toast = useToast();
  return (
    <Section title={t('title')}>
      <div className="mb-6 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset">
        <AddRecordingForm
          webinars={webinars}
          onAdded={(notified) => toast.success(t('added', { notified: notifiedMessage(notified) }))}
        />
      </div>
      <QueryResults query={recordings} empty={t('empty')}>
        {(results) => <RecordingList recordings={results} showWebinar />}
      </QueryResults>
    </Section>
  );
}
