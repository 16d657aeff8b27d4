// GET /api/communications/notifications/stream/ (server-sent events): wires the browser's one live
// connection into the query cache. The count arrives ready to show; a new notification goes on top
// of the bell's list and makes what it is about refetch (a live start, a recording); any other
// change makes the lists refetch.

import { useQueryClient } from '@tanstack/react-query';
import { type Notification, RECENT_NOTIFICATIONS_LIMIT } from '@webinar/contracts';
import { useEffect } from 'react';
import { eventStream } from '../../../lib/event-stream.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';
import { notificationListsKey } from './get-notifications.ts';
import { getRecentNotificationsQueryOptions, type RecentNotifications } from './get-recent-notifications.ts';
import { getUnreadCountQueryOptions } from './get-unread-count.ts';
import { refreshNotificationViews } from './notification-cache.ts';
import { queryRootsConcernedBy } from './stale-after-notification.ts';
import { noteStreamCount } from './unread-version.ts';

function prepend(data: RecentNotifications | undefined, notification: Notification) {
  if (!data || data.results.some((item) => item.id === notification.id)) return data;
  return { results: [notification, ...data.results].slice(0, RECENT_NOTIFICATIONS_LIMIT) };
}

/**
 * Keeps the stream open while the calling (signed-in) screen is mounted; the tabs of one user
 * share it.
 */
export function useNotificationStream(userId: number): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const unsubscribers = [
      eventStream.on('unread_count', (count) => {
        noteStreamCount(count.unread_count);
        queryClient.setQueryData(getUnreadCountQueryOptions().queryKey, count);
      }),
      eventStream.on('notification', (notification) => {
        queryClient.setQueryData<RecentNotifications>(getRecentNotificationsQueryOptions().queryKey, (data) =>
          prepend(data, notification),
        );
        void queryClient.invalidateQueries({ queryKey: notificationListsKey });
        for (const queryKey of queryRootsConcernedBy(notification.notification_type))
          void queryClient.invalidateQueries({ queryKey });
      }),
      eventStream.on('notification_updated', () => {
        void queryClient.invalidateQueries({ queryKey: getRecentNotificationsQueryOptions().queryKey });
        void queryClient.invalidateQueries({ queryKey: notificationListsKey });
      }),
      // Whatever happened while the stream was down is fetched again once it is back.
      eventStream.subscribeState(() => {
        if (eventStream.getState() !== 'open') return;
        void refreshNotificationViews(queryClient);
        // A live start or end missed while down changed the webinars too.
        void queryClient.invalidateQueries({ queryKey: resourceKeys.webinars });
      }),
    ];
    const release = eventStream.start(`user-${userId}`);
    return () => {
      release();
      for (const unsubscribe of unsubscribers) unsubscribe();
    };
  }, [queryClient, userId]);
}
