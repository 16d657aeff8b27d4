// DELETE /api/admin/notifications/<id>/ (admin)
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function deleteAdminNotification(id: number): Promise<void> {
  return api.delete(`/api/admin/notifications/${id}/`);
}

export function useDeleteAdminNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAdminNotification,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: resourceKeys.adminNotifications }),
        queryClient.invalidateQueries({ queryKey: resourceKeys.notifications }),
      ]),
  });
}
