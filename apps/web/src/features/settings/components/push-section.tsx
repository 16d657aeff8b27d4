// "Push notifications on this browser": turn push on here (the browser asks for the permission
// only on that click), see why it cannot be (unsupported, blocked, not configured on the server),
// and the list of my browsers that receive push, this one marked, each with Remove.

import { useQuery } from '@tanstack/react-query';
import type { PushSubscription } from '@webinar/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui/badge.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Notice } from '../../../components/ui/notice.tsx';
import { Section } from '../../../components/ui/section.tsx';
import { ErrorMessage, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import {
  currentEndpoint,
  notificationPermission,
  PushPermissionDenied,
  pushSupport,
} from '../../../lib/push-browser.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';
import { usePushPublicKey, usePushSubscriptions } from '../api/get-push-subscriptions.ts';
import { useRemovePushSubscription, useTurnOnPush } from '../api/subscribe-push.ts';

function useThisBrowserEndpoint() {
  return useQuery({
    queryKey: [...resourceKeys.pushSubscriptions, 'this-browser'],
    queryFn: currentEndpoint,
  });
}

const NOTE = 'rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800';

export function PushSection() {
  const { t } = useTranslation('settings');
  const key = usePushPublicKey();
  const subscriptions = usePushSubscriptions();
  const thisEndpoint = useThisBrowserEndpoint();
  const turnOn = useTurnOnPush();
  const remove = useRemovePushSubscription();
  const [permission, setPermission] = useState(notificationPermission);
  const [notice, setNotice] = useState<string | null>(null);
  const supported = pushSupport() === 'supported';
  const rows = subscriptions.data?.results ?? [];
  const thisBrowser = rows.find((row) => row.endpoint === thisEndpoint.data);

  const enable = () => {
    if (!key.data?.public_key) return;
    setNotice(null);
    remove.reset();
    turnOn.mutate(key.data.public_key, {
      onSuccess: () => {
        setNotice(t('push.turnedOn'));
        void thisEndpoint.refetch();
      },
      onSettled: () => setPermission(notificationPermission()),
    });
  };

  const removeRow = (row: PushSubscription) => {
    setNotice(null);
    turnOn.reset();
    remove.mutate(
      { id: row.id, thisBrowser: row.id === thisBrowser?.id },
      {
        onSuccess: () => {
          setNotice(t('push.turnedOff', { device: row.device_label }));
          void thisEndpoint.refetch();
        },
      },
    );
  };

  return (
    <Section title={t('push.title')} description={t('push.description')}>
      <div className="space-y-4">
        <Notice message={notice} />
        {!supported ? (
          <p className={NOTE}>{t('push.unsupported')}</p>
        ) : key.isPending ? (
          <LoadingState label={t('push.loading')} />
        ) : key.isError ? (
          <ErrorState error={key.error} onRetry={() => void key.refetch()} />
        ) : key.data.public_key === null ? (
          <p className={NOTE}>{t('push.unavailable')}</p>
        ) : permission === 'denied' ? (
          <p className={NOTE}>{t('push.blocked')}</p>
        ) : thisBrowser ? (
          <p className="text-sm text-slate-700">{t('push.onHere', { device: thisBrowser.device_label })}</p>
        ) : (
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={enable} busy={turnOn.isPending}>
              {t('push.turnOn')}
            </Button>
            <span className="text-sm text-slate-500">{t('push.willAsk')}</span>
          </div>
        )}
        {turnOn.isError && !(turnOn.error instanceof PushPermissionDenied) ? (
          <ErrorMessage error={turnOn.error} />
        ) : null}
        {remove.isError ? <ErrorMessage error={remove.error} /> : null}
        <BrowserList
          subscriptions={subscriptions}
          rows={rows}
          thisBrowserId={thisBrowser?.id}
          removing={remove.isPending ? remove.variables?.id : undefined}
          onRemove={removeRow}
        />
      </div>
    </Section>
  );
}

function BrowserList({
  subscriptions,
  rows,
  thisBrowserId,
  removing,
  onRemove,
}: {
  subscriptions: ReturnType<typeof usePushSubscriptions>;
  rows: PushSubscription[];
  thisBrowserId: number | undefined;
  removing: number | undefined;
  onRemove: (row: PushSubscription) => void;
}) {
  const { t } = useTranslation('settings');
  if (subscriptions.isPending) return null;
  if (subscriptions.isError)
    return <ErrorState error={subscriptions.error} onRetry={() => void subscriptions.refetch()} />;
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t('push.noBrowsers')}</p>;
  return (
    <div>
      <h3 className="text-sm font-medium text-slate-900">{t('push.browsers')}</h3>
      <ul className="mt-2 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
        {rows.map((row) => (
          <li key={row.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-2 text-sm font-medium break-words text-slate-900">
                {row.device_label}
                {row.id === thisBrowserId ? <Badge tone="indigo">{t('push.thisBrowser')}</Badge> : null}
              </p>
              <p className="text-xs text-slate-500">
                {t('push.added', { time: formatDateTime(row.created_at) })}
              </p>
            </div>
            <Button
              variant="ghostDanger"
              size="sm"
              busy={removing === row.id}
              aria-label={t(row.id === thisBrowserId ? 'push.removeThisLabel' : 'push.removeLabel', {
                device: row.device_label,
              })}
              onClick={() => onRemove(row)}
            >
              {t('push.remove')}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
