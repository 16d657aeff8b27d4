// GET /api/communications/notifications/: every notification, newest first, a cursor page at a time.

import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { NotificationPage, NotificationType } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export interface NotificationFilters {
  unread: boolean;
  type: NotificationType | undefined;
  /** The archived ones instead of the inbox. */
  archived?: boolean;
}

const PAGE_SIZE = 20;

export function getNotifications(
  filters: NotificationFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<NotificationPage> {
  return api.get<NotificationPage>(
    '/api/communications/notifications/',
    {
      cursor,
      page_size: PAGE_SIZE,
      unread: filters.unread || undefined,
      type: filters.type,
      archived: filters.archived || undefined,
    },
    signal,
  );
}

/** The key shared by every filtered list, to update or invalidate them all at once. */
export const notificationListsKey = [...resourceKeys.notifications, 'list'] as const;

export function getNotificationsQueryOptions(filters: NotificationFilters) {
  return infiniteQueryOptions({
    queryKey: [...notificationListsKey, filters],
    queryFn: ({ pageParam, signal }) => getNotifications(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useNotifications(filters: NotificationFilters) {
  return useInfiniteQuery(getNotificationsQueryOptions(filters));
}
