// Every signed-in screen: the navbar on top, the screen below. Nobody signed in (or a session that
// just expired) goes to /login, which brings them back here afterwards.
import { useQueryClient } from '@tanstack/react-query';
import type { User } from '@webinar/contracts';
import { createContext, Suspense, useContext, useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { getSessionQueryOptions, useSession } from '../../features/auth/api/get-session.ts';
import { useNotificationStream } from '../../features/notifications/api/notification-stream.ts';
import { eventStream } from '../../lib/event-stream.ts';
import { Navbar } from './navbar.tsx';

const CurrentUserContext = createContext<User | null>(null);

/** The signed-in user; only for screens inside AppLayout. */
export function useCurrentUser(): User {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser is only available inside AppLayout');
  return user;
}

function SignedIn({ user }: { user: User }) {
  useNotificationStream();
  const queryClient = useQueryClient();
  // A refused stream may mean the session ended (signed out in another tab, expired, password
  // changed): asking who is signed in answers "nobody" then, and this layout goes to /login.
  useEffect(
    () =>
      eventStream.onRefused(() => {
        void queryClient.invalidateQueries({ queryKey: getSessionQueryOptions().queryKey });
      }),
    [queryClient],
  );
  return (
    <CurrentUserContext.Provider value={user}>
      <div className="min-h-dvh bg-slate-50">
        <Navbar user={user} />
        <main className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </CurrentUserContext.Provider>
  );
}

export function AppLayout() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <LoadingState />;
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
