// POST /api/communications/notifications/<id>/mark-read/

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@webinar/contracts';
import { apiResponse } from '../../../lib/api-client.ts';
import {
  changeOptimistically,
  refreshNotificationViews,
  refreshUnlessStreamed,
  replaceCachedNotification,
} from './notification-cache.ts';
import { noteChange } from './unread-version.ts';

export async function markNotificationRead(id: number): Promise<Notification> {
  const response = await apiResponse<Notification>(`/api/communications/notifications/${id}/mark-read/`, {
    method: 'POST',
  });
  noteChange(response.headers);
  return response.data as Notification;
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notification: Notification) => markNotificationRead(notification.id),
    onMutate: async (notification) => {
      const readAt = new Date().toISOString();
      const rollback = await changeOptimistically(
        queryClient,
        (items) =>
          items.map((item) =>
            item.id === notification.id ? { ...item, is_read: true, read_at: readAt } : item,
          ),
        !notification.is_read ? -1 : 0,
      );
      return { rollback };
    },
    onSuccess: (updated) => replaceCachedNotification(queryClient, updated),
    onError: (_error, _notification, context) => {
      context?.rollback();
      void refreshNotificationViews(queryClient);
    },
    onSettled: (_data, error) => (error ? undefined : refreshUnlessStreamed(queryClient)),
  });
}

/** Marks every unread one of `notifications` read (a folded group's "Mark read"). */
export function useMarkEachRead() {
  const markRead = useMarkNotificationRead();
  return (notifications: readonly Notification[]) => {
    for (const notification of notifications) if (!notification.is_read) markRead.mutate(notification);
  };
}
