// POST /api/communications/notifications/<id>/mark-read/

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import {
  refreshNotificationViews,
  replaceCachedNotification,
  shiftUnreadCount,
} from './notification-cache.ts';

export function markNotificationRead(id: number): Promise<Notification> {
  return api.post<Notification>(`/api/communications/notifications/${id}/mark-read/`);
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notification: Notification) => markNotificationRead(notification.id),
    onMutate: async (notification) => {
      if (!notification.is_read) await shiftUnreadCount(queryClient, -1);
    },
    onSuccess: (updated) => replaceCachedNotification(queryClient, updated),
    onSettled: () => refreshNotificationViews(queryClient),
  });
}
