// "Start live session" for a scheduled webinar (after a confirmation: it notifies every approved
// registrant at once), "End live session" for a live one (its host or an admin). Both report how
// many users the server notified.
import type { WebinarStatus } from '@webinar/contracts';
import { useState } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.tsx';
import { useEndLiveSession } from '../api/end-live-session.ts';
import { useStartLiveSession } from '../api/start-live-session.ts';

interface LiveSessionButtonsProps {
  webinarId: number;
  /** Named in the confirmation. */
  webinarTitle: string;
  status: WebinarStatus;
  onDone: (result: { action: 'started' | 'ended'; notified: number }) => void;
  onError: (error: unknown) => void;
}

export function LiveSessionButtons({
  webinarId,
  webinarTitle,
  status,
  onDone,
  onError,
}: LiveSessionButtonsProps) {
  const start = useStartLiveSession();
  const end = useEndLiveSession();
  const [confirming, setConfirming] = useState(false);
  if (status === 'scheduled') {
    return (
      <>
        <Button size="sm" busy={start.isPending} onClick={() => setConfirming(true)}>
          Start live session
        </Button>
        {confirming ? (
          <ConfirmDialog
            title="Start the live session?"
            confirmLabel="Start live session"
            tone="primary"
            busy={start.isPending}
            error={null}
            onCancel={() => setConfirming(false)}
            onConfirm={() =>
              start.mutate(webinarId, {
                onSuccess: ({ notified }) => onDone({ action: 'started', notified }),
                onError,
                onSettled: () => setConfirming(false),
              })
            }
          >
            “<span className="wrap-anywhere">{webinarTitle}</span>” goes live now, and every approved
            registrant is notified at once.
          </ConfirmDialog>
        ) : null}
      </>
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
