// POST /api/communications/notifications/<id>/archive/ and .../unarchive/: either way the row
// leaves the list it is shown in (the inbox or Archived) at once; the other list is refetched.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@webinar/contracts';
import { apiResponse } from '../../../lib/api-client.ts';
import {
  changeOptimistically,
  refreshNotificationViews,
  refreshUnlessStreamed,
} from './notification-cache.ts';
import { noteChange } from './unread-version.ts';

export async function setNotificationArchived(id: number, archive: boolean): Promise<Notification> {
  const action = archive ? 'archive' : 'unarchive';
  const response = await apiResponse<Notification>(`/api/communications/notifications/${id}/${action}/`, {
    method: 'POST',
  });
  noteChange(response.headers);
  return response.data as Notification;
}

/** Archives (`archive: true`, which also marks it read) or restores a notification. */
export function useSetNotificationArchived(archive: boolean) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notification: Notification) => setNotificationArchived(notification.id, archive),
    onMutate: async (notification) => {
      const rollback = await changeOptimistically(
        queryClient,
        (items) => items.filter((item) => item.id !== notification.id),
        archive && !notification.is_read ? -1 : 0,
      );
      return { rollback };
    },
    onError: (_error, _notification, context) => {
      context?.rollback();
      void refreshNotificationViews(queryClient);
    },
    onSettled: (_data, error) => (error ? undefined : refreshUnlessStreamed(queryClient)),
  });
}
