// GET /api/admin/notifications/: every user's notifications, filtered, searched, a page at a time.

import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { AdminNotificationPage, AdminNotificationQuery } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export type AdminPage = Static<typeof AdminNotificationPage>;

export function getAdminNotifications(
  query: AdminNotificationQuery,
  signal?: AbortSignal,
): Promise<AdminPage> {
  return api.get<AdminPage>('/api/admin/notifications/', { ...query }, signal);
}

export function getAdminNotificationsQueryOptions(query: AdminNotificationQuery) {
  return queryOptions({
    queryKey: [...resourceKeys.adminNotifications, 'list', query],
    queryFn: ({ signal }) => getAdminNotifications(query, signal),
  });
}

export function useAdminNotifications(query: AdminNotificationQuery) {
  // The table keeps the previous page on screen while the next one loads.
  return useQuery({ ...getAdminNotificationsQueryOptions(query), placeholderData: keepPreviousData });
}
