// "Start live session" for a scheduled webinar, "End live session" for a live one (its host or an
// admin). Both report how many users the server notified.
import type { WebinarStatus } from '@webinar/contracts';
import { Button } from '../../../components/ui/button.tsx';
import { useEndLiveSession } from '../api/end-live-session.ts';
import { useStartLiveSession } from '../api/start-live-session.ts';

interface LiveSessionButtonsProps {
  webinarId: number;
  status: WebinarStatus;
  onDone: (result: { action: 'started' | 'ended'; notified: number }) => void;
  onError: (error: unknown) => void;
}

export function LiveSessionButtons({ webinarId, status, onDone, onError }: LiveSessionButtonsProps) {
  const start = useStartLiveSession();
  const end = useEndLiveSession();
  if (status === 'scheduled') {
    return (
      <Button
        size="sm"
        busy={start.isPending}
        onClick={() =>
          start.mutate(webinarId, {
            onSuccess: ({ notified }) => onDone({ action: 'started', notified }),
            onError,
          })
        }
      >
        Start live session
      </Button>
    );
  }
  if (status === 'live') {
    return (
      <Button
        variant="danger"
        size="sm"
        busy={end.isPending}
        onClick={() =>
          end.mutate(webinarId, {
            onSuccess: ({ notified }) => onDone({ action: 'ended', notified }),
            onError,
          })
        }
      >
        End live session
      </Button>
    );
  }
  return null;
}
