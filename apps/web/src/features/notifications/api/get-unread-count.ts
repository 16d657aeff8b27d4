// GET /api/communications/notifications/unread-count/: the bell's badge. The live stream keeps it
// current; only while the stream is down does it poll, every 30 s. The poll sends the newest state
// it was given (unread-version.ts) as If-None-Match: an unchanged count is a 304, and no server
// process answers with a count older than that state.

import { queryOptions, useQuery } from '@tanstack/react-query';
import { UNREAD_POLL_INTERVAL_MS, type UnreadCount } from '@webinar/contracts';
import { apiResponse } from '../../../lib/api-client.ts';
import { useStreamState } from '../../../lib/event-stream.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';
import { knownUnreadCount, noteUnreadCountEtag, unreadCountEtag } from './unread-version.ts';

export async function getUnreadCount(signal?: AbortSignal): Promise<UnreadCount> {
  const etag = unreadCountEtag();
  const sentCount = knownUnreadCount();
  const response = await apiResponse<UnreadCount>('/api/communications/notifications/unread-count/', {
    ...(etag ? { headers: { 'if-none-match': etag } } : {}),
    ...(signal ? { signal } : {}),
  });
  if (response.status === 304 && sentCount !== undefined) return { unread_count: sentCount };
  noteUnreadCountEtag(response.headers.get('etag'));
  return response.data as UnreadCount;
}

export function getUnreadCountQueryOptions() {
  return queryOptions({
    queryKey: [...resourceKeys.notifications, 'unread-count'],
    queryFn: ({ signal }) => getUnreadCount(signal),
    staleTime: 0,
  });
}

export function useUnreadCount() {
  const stream = useStreamState();
  return useQuery({
    ...getUnreadCountQueryOptions(),
    refetchInterval: stream === 'open' ? false : UNREAD_POLL_INTERVAL_MS,
  });
}
