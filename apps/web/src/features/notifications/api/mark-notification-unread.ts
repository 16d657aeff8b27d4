// POST /api/communications/notifications/<id>/mark-unread/

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

export async function markNotificationUnread(id: number): Promise<Notification> {
  const response = await apiResponse<Notification>(`/api/communications/notifications/${id}/mark-unread/`, {
    method: 'POST',
  });
  noteChange(response.headers);
  return response.data as Notification;
}

export function useMarkNotificationUnread() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notification: Notification) => markNotificationUnread(notification.id),
    onMutate: async (notification) => {
      const readAt = null;
      const rollback = await changeOptimistically(
        queryClient,
        (items) =>
          items.map((item) =>
            item.id === notification.id ? { ...item, is_read: false, read_at: readAt } : item,
          ),
        notification.is_read ? 1 : 0,
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
