import { Section } from '../../../components/ui/section.tsx';
import { QueryResults } from '../../../components/ui/states.tsx';
import { useRecordings } from '../api/get-recordings.ts';
import { RecordingList } from './recording-list.tsx';

/** Every recording the user may watch. */
export function RecordingsSection() {
  const recordings = useRecordings();
  return (
    <Section title="Recordings">
      <QueryResults query={recordings} empty="No recordings yet.">
        {(results) => <RecordingList recordings={results} showWebinar />}
      </QueryResults>
    </Section>
  );
}
