// What a change to notifications does to the cached views of them (the bell's recent list, the
// paged lists and the unread count), so the screen answers at once and the server then confirms.

import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import type { Notification, NotificationPage } from '@webinar/contracts';
import { eventStream } from '../../../lib/event-stream.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';
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

/** Puts every cached notification view back as it was before an optimistic change. */
export type Rollback = () => void;

/**
 * Shows a change before the server answers (the row and the badge move at once); the returned
 * function undoes it when the server refuses.
 */
export async function changeOptimistically(
  queryClient: QueryClient,
  edit: Edit,
  unreadDelta: number,
): Promise<Rollback> {
  // A refetch already under way would bring back the old state over the optimistic one.
  await queryClient.cancelQueries({ queryKey: resourceKeys.notifications });
  const saved: Array<[QueryKey, unknown]> = queryClient.getQueriesData({
    queryKey: resourceKeys.notifications,
  });
  editCachedNotifications(queryClient, edit);
  if (unreadDelta !== 0) await shiftUnreadCount(queryClient, unreadDelta);
  return () => {
    for (const [queryKey, data] of saved) queryClient.setQueryData(queryKey, data);
  };
}

/**
 * After this tab's own change: the live stream reports it back (notification_updated, unread_count)
 * and that refetches the views once; only without the stream does the change refetch them itself
 * (doing both fetched every list twice per click).
 */
export function refreshUnlessStreamed(queryClient: QueryClient): Promise<void> {
  return eventStream.getState() === 'open' ? Promise.resolve() : refreshNotificationViews(queryClient);
}
