// "Start live session" for a scheduled webinar (after a confirmation: it notifies every approved
// registrant at once), "End live session" for a live one (its host or an admin). Both report how
// many users the server notified.
import type { WebinarStatus } from '@webinar/contracts';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('live-sessions');
  const start = useStartLiveSession();
  const end = useEndLiveSession();
  const [confirming, setConfirming] = useState(false);
  if (status === 'scheduled') {
    return (
      <>
        <Button size="sm" busy={start.isPending} onClick={() => setConfirming(true)}>
          {t('start')}
        </Button>
        {confirming ? (
          <ConfirmDialog
            title={t('confirmStart.title')}
            confirmLabel={t('start')}
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
            <Trans
              t={t}
              i18nKey="confirmStart.body"
              values={{ title: webinarTitle }}
              components={{ title: <span className="wrap-anywhere" /> }}
            />
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
        {t('end')}
      </Button>
    );
  }
  return null;
}
