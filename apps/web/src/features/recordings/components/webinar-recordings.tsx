import { Section } from '../../../components/ui/section.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { useWebinarRecordings } from '../api/get-webinar-recordings.ts';
import { RecordingList } from './recording-list.tsx';

/** One webinar's recordings (the server shows them to its host, admins and approved registrants). */
export function WebinarRecordings({ webinarId }: { webinarId: number }) {
  const recordings = useWebinarRecordings(webinarId);
  return (
    <Section title="Recordings">
      {recordings.isPending ? (
        <LoadingState />
      ) : recordings.isError ? (
        <ErrorState error={recordings.error} onRetry={() => void recordings.refetch()} />
      ) : recordings.data.results.length === 0 ? (
        <EmptyState>No recordings for this webinar yet.</EmptyState>
      ) : (
        <RecordingList recordings={recordings.data.results} showWebinar={false} />
      )}
    </Section>
  );
}
