import type { Role } from '@webinar/contracts';
import { ShieldAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from './layouts/app-layout.tsx';

/** Renders its screen only for these roles; nothing of the screen (not even its queries) otherwise. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation('app');
  const user = useCurrentUser();
  if (roles.includes(user.role)) return children;
  return (
    <div className="mx-auto mt-12 flex max-w-md flex-col items-center gap-3 rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
      <ShieldAlert aria-hidden className="size-8 text-amber-500" />
      <p className="text-sm text-slate-700">{t('notAllowed')}</p>
    </div>
  );
}
