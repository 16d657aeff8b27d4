// /unsubscribe/:token, the link at the bottom of a notification email. No sign-in needed. Opening
// it changes nothing (mail scanners open every link): it says what the link is about, and the
// button unsubscribes; "Subscribe again" undoes it.
import { CheckCircle2 } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Button } from '../../../components/ui/button.tsx';
import { ErrorMessage, ErrorState } from '../../../components/ui/states.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useChangeSubscription } from '../api/change-subscription.ts';
import { useUnsubscribeLookup } from '../api/lookup-unsubscribe.ts';
import { CardSkeleton, PublicPage } from './public-page.tsx';

function Address({ email }: { email: string }) {
  const { t } = useTranslation('email-links');
  return <span className="font-medium break-all">{email || t('unsubscribe.yourAddress')}</span>;
}

export function UnsubscribePage() {
  const { t } = useTranslation('email-links');
  useDocumentTitle(t('unsubscribe.title'));
  const { token = '' } = useParams();
  const lookup = useUnsubscribeLookup(token);
  const change = useChangeSubscription();

  const set = (subscribed: boolean) => change.mutate({ token, subscribed });

  return (
    <PublicPage title={t('unsubscribe.heading')}>
      {lookup.isPending ? (
        <CardSkeleton />
      ) : lookup.isError ? (
        <ErrorState error={lookup.error} />
      ) : lookup.data.subscribed ? (
        <>
          <p className="text-sm break-words text-slate-700">
            <Trans
              t={t}
              i18nKey="unsubscribe.question"
              values={{ type: lookup.data.type_label }}
              components={{
                type: <span className="font-medium" />,
                address: <Address email={lookup.data.email} />,
              }}
            />
          </p>
          {change.isSuccess ? (
            <p role="status" className="flex items-start gap-2 text-sm text-green-800">
              <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />
              <span className="min-w-0 break-words">
                <Trans
                  t={t}
                  i18nKey="unsubscribe.resubscribed"
                  values={{ type: lookup.data.type_label }}
                  components={{ address: <Address email={lookup.data.email} /> }}
                />
              </span>
            </p>
          ) : null}
          {change.isError ? <ErrorMessage error={change.error} /> : null}
          <Button variant="danger" busy={change.isPending} onClick={() => set(false)}>
            {t('unsubscribe.unsubscribe')}
          </Button>
        </>
      ) : (
        <>
          <p role="status" className="flex items-start gap-2 text-sm text-slate-800">
            <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-green-600" />
            <span className="min-w-0 break-words">
              <Trans
                t={t}
                i18nKey="unsubscribe.unsubscribed"
                values={{ type: lookup.data.type_label }}
                components={{ address: <Address email={lookup.data.email} /> }}
              />
            </span>
          </p>
          <p className="text-sm text-slate-600">{t('unsubscribe.changeLater')}</p>
          {change.isError ? <ErrorMessage error={change.error} /> : null}
          <Button variant="secondary" busy={change.isPending} onClick={() => set(true)}>
            {t('unsubscribe.subscribeAgain')}
          </Button>
        </>
      )}
    </PublicPage>
  );
}
