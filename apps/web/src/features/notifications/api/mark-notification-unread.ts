// POST /api/communications/notifications/<id>/mark-unread/

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@webinar/contracts';
import { apiResponse } from '../../../lib/api-client.ts';
import {
  refreshNotificationViews,
  replaceCachedNotification,
  shiftUnreadCount,
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
      if (notification.is_read) await shiftUnreadCount(queryClient, 1);
    },
    onSuccess: (updated) => replaceCachedNotification(queryClient, updated),
    onSettled: () => refreshNotificationViews(queryClient),
  });
}
