// Signing in or out concerns every tab of the browser, since they share the session cookie: the
// tab that does it says so on a BroadcastChannel, and the others follow at once (a signed-out tab
// clears what it showed and its layout goes to /login; a tab on /login signs in too).
import { hashKey, type QueryClient } from '@tanstack/react-query';
import type { User } from '@webinar/contracts';
import { getSessionQueryOptions } from './get-session.ts';

type SessionMessage = { kind: 'signed-out' } | { kind: 'signed-in' };

const CHANNEL_NAME = 'webinar-session';
// One per tab, for posting and listening: a channel never hears its own messages.
let channel: BroadcastChannel | null | undefined;

function sessionChannel(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME);
  }
  return channel;
}

/** Tells the other tabs that this one signed in or out. */
export function announceSession(kind: SessionMessage['kind']): void {
  sessionChannel()?.postMessage({ kind } satisfies SessionMessage);
}

/** The session query stays: the screens follow it. */
function forgetAllButSession(queryClient: QueryClient, type: 'all' | 'inactive'): void {
  const sessionHash = hashKey(getSessionQueryOptions().queryKey);
  queryClient.removeQueries({ type, predicate: (query) => query.queryHash !== sessionHash });
}

/**
 * Shows this tab signed out: the signed-in layout goes to /login. Queries still shown are kept
 * until then (a screen whose query vanished would fetch it again, signed out, and get a 401); the
 * next sign-in clears them.
 */
export function showSignedOut(queryClient: QueryClient): void {
  queryClient.setQueryData(getSessionQueryOptions().queryKey, null);
  forgetAllButSession(queryClient, 'inactive');
}

/** Makes this tab follow the others' sign-in and sign-out; returns the function that stops it. */
export function followOtherTabs(queryClient: QueryClient): () => void {
  const shared = sessionChannel();
  if (!shared) return () => {};
  const onMessage = (event: MessageEvent<SessionMessage>) => {
    if (event.data.kind === 'signed-out') {
      showSignedOut(queryClient);
    } else if (event.data.kind === 'signed-in') {
      const before = queryClient.getQueryData<User | null>(getSessionQueryOptions().queryKey);
      queryClient
        .fetchQuery({ ...getSessionQueryOptions(), staleTime: 0 })
        .then((user) => {
          // Nothing cached for a previous user (or from before signing out) may show for this one.
          if (user?.id !== before?.id) forgetAllButSession(queryClient, 'all');
        })
        // Unreachable server: this tab stays as it was until its next request.
        .catch(() => undefined);
    }
  };
  shared.addEventListener('message', onMessage);
  return () => shared.removeEventListener('message', onMessage);
}
