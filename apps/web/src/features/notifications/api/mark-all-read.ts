// POST /api/communications/notifications/mark-all-read/

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MarkAllReadResult } from '@webinar/contracts';
import { apiResponse } from '../../../lib/api-client.ts';
import { getUnreadCountQueryOptions } from './get-unread-count.ts';
import {
  editCachedNotifications,
  refreshNotificationViews,
  refreshUnlessStreamed,
} from './notification-cache.ts';
import { noteChange } from './unread-version.ts';

export async function markAllRead(): Promise<MarkAllReadResult> {
  const response = await apiResponse<MarkAllReadResult>('/api/communications/notifications/mark-all-read/', {
    method: 'POST',
  });
  const result = response.data as MarkAllReadResult;
  // The refetch that follows must not show an older count, whichever server process answers it.
  noteChange(response.headers, result.unread_count);
  return result;
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
    onError: () => refreshNotificationViews(queryClient),
    onSettled: (_data, error) => (error ? undefined : refreshUnlessStreamed(queryClient)),
  });
}
