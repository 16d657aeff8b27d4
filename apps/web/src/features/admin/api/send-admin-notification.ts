// POST /api/admin/notifications/ (admin): to some users, a role, or everyone. The request key makes
// a retried request create nothing more.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AdminNotificationCreate, AdminNotificationCreated } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';
import { idempotencyHeaders } from '../../../lib/request-key.ts';

export function sendAdminNotification({
  input,
  requestKey,
}: {
  input: AdminNotificationCreate;
  requestKey: string;
}): Promise<Static<typeof AdminNotificationCreated>> {
  return api.post<Static<typeof AdminNotificationCreated>>(
    '/api/admin/notifications/',
    input,
    idempotencyHeaders(requestKey),
  );
}

export function useSendAdminNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendAdminNotification,
    // "Everyone" includes the admin.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: resourceKeys.adminNotifications }),
        queryClient.invalidateQueries({ queryKey: resourceKeys.notifications }),
      ]),
  });
}
