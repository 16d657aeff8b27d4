// /verify-email/:token, the link of a verification email: confirms the address once on arrival
// (signed in or not) and says so, or why not.
import { CheckCircle2 } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { buttonClass } from '../../../components/ui/button.tsx';
import { ErrorMessage } from '../../../components/ui/states.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useVerifyEmail } from '../api/verify-email.ts';
import { CardSkeleton, PublicPage } from './public-page.tsx';

export function VerifyEmailPage() {
  const { t } = useTranslation('email-links');
  useDocumentTitle(t('verify.title'));
  const { token = '' } = useParams();
  const verify = useVerifyEmail();
  // Strict mode runs effects twice in development: the token is posted once per token all the same.
  const posted = useRef<string | null>(null);
  const { mutate } = verify;
  useEffect(() => {
    if (posted.current === token) return;
    posted.current = token;
    mutate(token);
  }, [token, mutate]);

  return (
    <PublicPage title={t('verify.heading')}>
      {verify.isSuccess ? (
        <>
          <p className="flex items-start gap-2 text-sm text-green-800">
            <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span className="min-w-0 break-words">
              <Trans
                t={t}
                i18nKey="verify.verified"
                values={{ email: verify.data.email }}
                components={{ email: <span className="font-medium break-all" /> }}
              />
            </span>
          </p>
          <p className="text-sm text-slate-600">{t('verify.reachByEmail')}</p>
          <Link to="/settings/notifications" className={buttonClass('primary')}>
            {t('verify.settings')}
          </Link>
        </>
      ) : verify.isError ? (
        <>
          <ErrorMessage error={verify.error} />
          <Link to="/settings/notifications" className={buttonClass('secondary')}>
            {t('verify.settings')}
          </Link>
        </>
      ) : (
        <CardSkeleton />
      )}
    </PublicPage>
  );
}
