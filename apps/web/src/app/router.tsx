// Every screen and its address. Exported as a route list so tests can mount it in a memory router.
// The hosts' and admins' screens load on demand: students never download them.
import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { UnsubscribePage } from '../features/email-links/components/unsubscribe-page.tsx';
import { VerifyEmailPage } from '../features/email-links/components/verify-email-page.tsx';
import { NotificationsPage } from '../features/notifications/components/notifications-page.tsx';
import { NotificationSettingsPage } from '../features/settings/components/notification-settings-page.tsx';
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

const DeliveriesPage = lazy(() =>
  import('../features/deliveries/components/deliveries-page.tsx').then((m) => ({
    default: m.DeliveriesPage,
  })),
);
const DeliveryDetailPage = lazy(() =>
  import('../features/deliveries/components/delivery-detail-page.tsx').then((m) => ({
    default: m.DeliveryDetailPage,
  })),
);
const EmailPoliciesPage = lazy(() =>
  import('../features/delivery-policies/components/email-policies-page.tsx').then((m) => ({
    default: m.EmailPoliciesPage,
  })),
);

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginRoute /> },
  // The pages behind an email's links: no sign-in needed (the token is the proof), so outside the
  // signed-in layout, which would send a visitor to /login.
  { path: '/verify-email/:token', element: <VerifyEmailPage /> },
  { path: '/unsubscribe/:token', element: <UnsubscribePage /> },
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'portal', element: <PortalRoute /> },
      { path: 'webinars/:id', element: <WebinarRoute /> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'settings/notifications', element: <NotificationSettingsPage /> },
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
      {
        path: 'dashboard/deliveries',
        element: (
          <RequireRole roles={['admin']}>
            <DeliveriesPage />
          </RequireRole>
        ),
      },
      {
        path: 'dashboard/deliveries/:id',
        element: (
          <RequireRole roles={['admin']}>
            <DeliveryDetailPage />
          </RequireRole>
        ),
      },
      {
        path: 'dashboard/email-policies',
        element: (
          <RequireRole roles={['admin']}>
            <EmailPoliciesPage />
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
