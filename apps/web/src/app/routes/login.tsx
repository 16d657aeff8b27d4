import type { Role } from '@webinar/contracts';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LoadingState } from '../../components/ui/states.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { LoginPage } from '../../features/auth/components/login-page.tsx';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { homePath, safeNextPath } from '../home-path.ts';

export function LoginRoute() {
  const { t } = useTranslation('auth');
  useDocumentTitle(t('signIn'));
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const destination = (role: Role) => next ?? homePath(role);

  if (session.isPending) return <LoadingState />;
  if (session.data) return <Navigate to={destination(session.data.role)} replace />;
  return <LoginPage onSignedIn={(role) => void navigate(destination(role), { replace: true })} />;
}
