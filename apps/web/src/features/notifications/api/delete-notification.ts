// DELETE /api/communications/notifications/<id>/

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@webinar/contracts';
import { apiResponse } from '../../../lib/api-client.ts';
import {
  editCachedNotifications,
  refreshNotificationViews,
  refreshUnlessStreamed,
  shiftUnreadCount,
} from './notification-cache.ts';
import { noteChange } from './unread-version.ts';

export async function deleteNotification(id: number, options: { keepalive?: boolean } = {}): Promise<void> {
  const response = await apiResponse<void>(`/api/communications/notifications/${id}/`, {
    method: 'DELETE',
    ...options,
  });
  noteChange(response.headers);
}

export function useDeleteNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notification: Notification) => deleteNotification(notification.id),
    onMutate: async (notification) => {
      if (!notification.is_read) await shiftUnreadCount(queryClient, -1);
      editCachedNotifications(queryClient, (items) => items.filter((item) => item.id !== notification.id));
    },
    onError: () => refreshNotificationViews(queryClient),
    onSuccess: () => refreshUnlessStreamed(queryClient),
  });
}
