// GET /api/communications/notifications/unread-count/: the bell's badge. The live stream keeps it
// current; only while the stream is down does it poll, every 30 s (the server's ETag makes an
// unchanged answer a 304 that the browser serves from its cache).

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { UnreadCount } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { useStreamState } from '../../../lib/event-stream.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export const POLL_INTERVAL_MS = 30_000;

export function getUnreadCount(signal?: AbortSignal): Promise<UnreadCount> {
  return api.get<UnreadCount>('/api/communications/notifications/unread-count/', undefined, signal);
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
    refetchInterval: stream === 'open' ? false : POLL_INTERVAL_MS,
  });
}
