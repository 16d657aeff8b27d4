// What a change to notifications does to the cached views of them (the bell's recent list, the
// paged lists and the unread count), so the screen answers at once and the server then confirms.

import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { Notification, NotificationPage } from '@webinar/contracts';
import { notificationListsKey } from './get-notifications.ts';
import { getRecentNotificationsQueryOptions, type RecentNotifications } from './get-recent-notifications.ts';
import { getUnreadCountQueryOptions } from './get-unread-count.ts';

type Edit = (items: Notification[]) => Notification[];

export function editCachedNotifications(queryClient: QueryClient, edit: Edit): void {
  queryClient.setQueryData<RecentNotifications>(getRecentNotificationsQueryOptions().queryKey, (data) =>
    data ? { results: edit(data.results) } : data,
  );
  queryClient.setQueriesData<InfiniteData<NotificationPage>>({ queryKey: notificationListsKey }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, results: edit(page.results) })) } : data,
  );
}

export function replaceCachedNotification(queryClient: QueryClient, updated: Notification): void {
  editCachedNotifications(queryClient, (items) =>
    items.map((item) => (item.id === updated.id ? updated : item)),
  );
}

/** Moves the badge by `delta` before the server answers; the refetch that follows corrects it. */
export async function shiftUnreadCount(queryClient: QueryClient, delta: number): Promise<void> {
  const { queryKey } = getUnreadCountQueryOptions();
  await queryClient.cancelQueries({ queryKey });
  queryClient.setQueryData(queryKey, (data) =>
    data ? { unread_count: Math.max(0, data.unread_count + delta) } : data,
  );
}

/** After any change: every view of the user's notifications is refetched from the server. */
export function refreshNotificationViews(queryClient: QueryClient): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: getUnreadCountQueryOptions().queryKey }),
    queryClient.invalidateQueries({ queryKey: getRecentNotificationsQueryOptions().queryKey }),
    queryClient.invalidateQueries({ queryKey: notificationListsKey }),
  ]).then(() => undefined);
}
