// POST /api/communications/notifications/<id>/mark-unread/

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import {
  refreshNotificationViews,
  replaceCachedNotification,
  shiftUnreadCount,
} from './notification-cache.ts';

export function markNotificationUnread(id: number): Promise<Notification> {
  return api.post<Notification>(`/api/communications/notifications/${id}/mark-unread/`);
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
