import { Navigate } from 'react-router';
import { homePath } from '../home-path.ts';
import { useCurrentUser } from '../layouts/app-layout.tsx';

export function HomeRoute() {
  return <Navigate to={homePath(useCurrentUser().role)} replace />;
}
