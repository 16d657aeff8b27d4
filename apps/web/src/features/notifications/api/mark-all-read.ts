// POST /api/communications/notifications/mark-all-read/

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MarkAllReadResult } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { getUnreadCountQueryOptions } from './get-unread-count.ts';
import { editCachedNotifications, refreshNotificationViews } from './notification-cache.ts';

export function markAllRead(): Promise<MarkAllReadResult> {
  return api.post<MarkAllReadResult>('/api/communications/notifications/mark-all-read/');
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markAllRead,
    onSuccess: ({ unread_count }) => {
      queryClient.setQueryData(getUnreadCountQueryOptions().queryKey, { unread_count });
      const readAt = new Date().toISOString();
      editCachedNotifications(queryClient, (items) =>
        items.map((item) => (item.is_read ? item : { ...item, is_read: true, read_at: readAt })),
      );
    },
    onSettled: () => refreshNotificationViews(queryClient),
  });
}
