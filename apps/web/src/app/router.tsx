// Every screen and its address. Exported as a route list so tests can mount it in a memory router.
// The hosts' and admins' screens load on demand: students never download them.
import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { NotificationsPage } from '../features/notifications/components/notifications-page.tsx';
import { AppLayout } from './layouts/app-layout.tsx';
import { RequireRole } from './require-role.tsx';
import { HomeRoute } from './routes/home.tsx';
import { LoginRoute } from './routes/login.tsx';
import { NotFoundRoute } from './routes/not-found.tsx';
import { PortalRoute } from './routes/portal.tsx';
import { WebinarRoute } from './routes/webinar.tsx';

const DashboardRoute = lazy(() =>
  import('./routes/dashboard.tsx').then((m) => ({ default: m.DashboardRoute })),
);
const AdminNotificationsPage = lazy(() =>
  import('../features/admin/components/admin-notifications-page.tsx').then((m) => ({
    default: m.AdminNotificationsPage,
  })),
);

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginRoute /> },
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'portal', element: <PortalRoute /> },
      { path: 'webinars/:id', element: <WebinarRoute /> },
      { path: 'notifications', element: <NotificationsPage /> },
      {
        path: 'dashboard',
        element: (
          <RequireRole roles={['host', 'admin']}>
            <DashboardRoute />
          </RequireRole>
        ),
      },
      {
        path: 'dashboard/notifications',
        element: (
          <RequireRole roles={['admin']}>
            <AdminNotificationsPage />
          </RequireRole>
        ),
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
