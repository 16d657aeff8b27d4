import type { RegistrationStatus } from '@webinar/contracts';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { ErrorMessage } from '../../../components/ui/states.tsx';
import { useRegisterForWebinar } from '../api/register-for-webinar.ts';
import { RegistrationStatusBadge } from './registration-status-badge.tsx';

interface RegisterButtonProps {
  webinarId: number;
  /** The user's registration for the webinar, if any: then its status shows instead. */
  registration: { status: RegistrationStatus } | null;
}

export function RegisterButton({ webinarId, registration }: RegisterButtonProps) {
  const { t } = useTranslation('registrations');
  const register = useRegisterForWebinar();
  if (registration) {
    return (
      <span className="inline-flex items-center gap-2 text-xs text-slate-500">
        {t('registration')} <RegistrationStatusBadge status={registration.status} />
      </span>
    );
  }
  return (
    <span className="inline-flex flex-col items-end gap-2">
      <Button size="sm" busy={register.isPending} onClick={() => register.mutate(webinarId)}>
        {t('register')}
      </Button>
      {register.isError ? <ErrorMessage error={register.error} /> : null}
    </span>
  );
}
