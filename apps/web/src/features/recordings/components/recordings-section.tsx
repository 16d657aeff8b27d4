import { Section } from '../../../components/ui/section.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { useRecordings } from '../api/get-recordings.ts';
import { RecordingList } from './recording-list.tsx';

/** Every recording the user may watch. */
export function RecordingsSection() {
  const recordings = useRecordings();
  return (
    <Section title="Recordings">
      {recordings.isPending ? (
        <LoadingState />
      ) : recordings.isError ? (
        <ErrorState error={recordings.error} onRetry={() => void recordings.refetch()} />
      ) : recordings.data.results.length === 0 ? (
        <EmptyState>No recordings yet.</EmptyState>
      ) : (
        <RecordingList recordings={recordings.data.results} showWebinar />
      )}
    </Section>
  );
}
