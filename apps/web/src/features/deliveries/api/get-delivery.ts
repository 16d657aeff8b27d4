// GET /api/admin/deliveries/:id/: one delivery of the log.

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Delivery } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function getDelivery(id: number, signal?: AbortSignal): Promise<Delivery> {
  return api.get<Delivery>(`/api/admin/deliveries/${id}/`, undefined, signal);
}

export function getDeliveryQueryOptions(id: number) {
  return queryOptions({
    queryKey: [...resourceKeys.deliveries, 'detail', id],
    queryFn: ({ signal }) => getDelivery(id, signal),
  });
}

export function useDelivery(id: number) {
  return useQuery(getDeliveryQueryOptions(id));
}
