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

/** Makes this tab follow the others' sign-in and sign-out; returns the function that stops it. */
export function followOtherTabs(queryClient: QueryClient): () => void {
  const shared = sessionChannel();
  if (!shared) return () => {};
  const sessionKey = getSessionQueryOptions().queryKey;
  // The session query stays (its screens follow it); everything else goes.
  const forgetAllButSession = () =>
    queryClient.removeQueries({ predicate: (query) => query.queryHash !== hashKey(sessionKey) });
  const onMessage = (event: MessageEvent<SessionMessage>) => {
    if (event.data.kind === 'signed-out') {
      queryClient.setQueryData(sessionKey, null);
      forgetAllButSession();
    } else if (event.data.kind === 'signed-in') {
      const before = queryClient.getQueryData<User | null>(sessionKey);
      void queryClient.fetchQuery({ ...getSessionQueryOptions(), staleTime: 0 }).then((user) => {
        // Nothing cached for a previous user may show for this one.
        if (before && user?.id !== before.id) forgetAllButSession();
      });
    }
  };
  shared.addEventListener('message', onMessage);
  return () => shared.removeEventListener('message', onMessage);
}
