import { Section } from '../../../components/ui/section.tsx';
import { QueryResults } from '../../../components/ui/states.tsx';
import { useWebinarRecordings } from '../api/get-webinar-recordings.ts';
import { RecordingList } from './recording-list.tsx';

/** One webinar's recordings (the server shows them to its host, admins and approved registrants). */
export function WebinarRecordings({ webinarId }: { webinarId: number }) {
  const recordings = useWebinarRecordings(webinarId);
  return (
    <Section title="Recordings">
      <QueryResults query={recordings} empty="No recordings for this webinar yet.">
        {(results) => <RecordingList recordings={results} showWebinar={false} />}
      </QueryResults>
    </Section>
  );
}
