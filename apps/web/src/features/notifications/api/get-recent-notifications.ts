// GET /api/communications/notifications/recent/: the 10 newest, of which the bell shows 5.

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { NotificationList } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export type RecentNotifications = Static<typeof NotificationList>;

export function getRecentNotifications(signal?: AbortSignal): Promise<RecentNotifications> {
  return api.get<RecentNotifications>('/api/communications/notifications/recent/', undefined, signal);
}

export function getRecentNotificationsQueryOptions() {
  return queryOptions({
    queryKey: [...resourceKeys.notifications, 'recent'],
    queryFn: ({ signal }) => getRecentNotifications(signal),
    // Refetched each time the panel opens; what is cached shows meanwhile.
    staleTime: 0,
  });
}

export function useRecentNotifications() {
  return useQuery(getRecentNotificationsQueryOptions());
}
