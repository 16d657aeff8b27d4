// Every signed-in screen: the navbar on top, the screen below. Nobody signed in (or a session that
// just expired) goes to /login, which brings them back here afterwards.
import { useQueryClient } from '@tanstack/react-query';
import type { User } from '@webinar/contracts';
import { createContext, type ReactNode, Suspense, useContext, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { BrandLink } from '../../components/ui/brand-link.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { getSessionQueryOptions, useSession } from '../../features/auth/api/get-session.ts';
import { announceSession } from '../../features/auth/api/session-broadcast.ts';
import { useNotificationStream } from '../../features/notifications/api/notification-stream.ts';
import { NotificationAnnouncer } from '../../features/notifications/components/notification-announcer.tsx';
import { eventStream } from '../../lib/event-stream.ts';
import { useFocusHeadingOnNavigate } from '../../lib/use-focus-heading-on-navigate.ts';
import { Navbar } from './navbar.tsx';

const CurrentUserContext = createContext<User | null>(null);

/** The signed-in user; only for screens inside AppLayout. */
export function useCurrentUser(): User {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser is only available inside AppLayout');
  return user;
}

function SignedIn({ user }: { user: User }) {
  useNotificationStream(user.id);
  const queryClient = useQueryClient();
  // A refused stream may mean the session ended (signed out elsewhere, expired, password
  // changed): asking who is signed in answers "nobody" then, this layout goes to /login, and so
  // do the other tabs.
  useEffect(
    () =>
      eventStream.onRefused(() => {
        const sessionKey = getSessionQueryOptions().queryKey;
        void queryClient.invalidateQueries({ queryKey: sessionKey }).then(() => {
          if (queryClient.getQueryData(sessionKey) === null) announceSession('signed-out');
        });
      }),
    [queryClient],
  );
  return (
    <CurrentUserContext.Provider value={user}>
      <AppFrame header={<Navbar user={user} />}>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </AppFrame>
      <NotificationAnnouncer />
    </CurrentUserContext.Provider>
  );
}

/** The navbar's place while the session is asked for: same height, so nothing moves after. */
function HeaderPlaceholder() {
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/95">
      <div className="mx-auto flex h-16 max-w-6xl items-center px-4 sm:px-6">
        <BrandLink to="/" />
      </div>
    </header>
  );
}

/** Every signed-in page's frame: a skip link, the header, and the main landmark. */
function AppFrame({ header, children }: { header: ReactNode; children: ReactNode }) {
  const { t } = useTranslation('app');
  const main = useRef<HTMLElement>(null);
  useFocusHeadingOnNavigate(main);
  return (
    <div className="min-h-dvh bg-slate-50">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-indigo-700 focus:shadow-lg focus:ring-2 focus:ring-indigo-600"
      >
        {t('skipToContent')}
      </a>
      {header}
      <main
        ref={main}
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-6xl px-4 py-6 outline-none sm:px-6 sm:py-8"
      >
        {children}
      </main>
    </div>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  // A cold load shows the frame at once; the page fills it in, nothing jumps.
  if (session.isPending) {
    return (
      <AppFrame header={<HeaderPlaceholder />}>
        <span role="status" className="sr-only">
          {t('loading')}
        </span>
      </AppFrame>
    );
  }
  if (session.isError) {
    return (
      <div className="mx-auto max-w-md p-6">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </div>
    );
  }
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <SignedIn user={session.data} />;
}
