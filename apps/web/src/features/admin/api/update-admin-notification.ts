// PATCH /api/admin/notifications/<id>/ (admin)

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AdminNotification, AdminNotificationUpdate } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function updateAdminNotification(
  id: number,
  input: AdminNotificationUpdate,
): Promise<AdminNotification> {
  return api.patch<AdminNotification>(`/api/admin/notifications/${id}/`, input);
}

export function useUpdateAdminNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: AdminNotificationUpdate }) =>
      updateAdminNotification(id, input),
    // The admin may have edited one of their own: their bell and list change too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: resourceKeys.adminNotifications }),
        queryClient.invalidateQueries({ queryKey: resourceKeys.notifications }),
      ]),
  });
}
