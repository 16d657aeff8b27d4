// GET /api/admin/deliveries/:id/preview/: the message a delivery carries, rendered (409 when its
// notification was deleted).

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DeliveryPreview } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function getDeliveryPreview(id: number, signal?: AbortSignal): Promise<DeliveryPreview> {
  return api.get<DeliveryPreview>(`/api/admin/deliveries/${id}/preview/`, undefined, signal);
}

export function getDeliveryPreviewQueryOptions(id: number) {
  return queryOptions({
    queryKey: [...resourceKeys.deliveries, 'preview', id],
    queryFn: ({ signal }) => getDeliveryPreview(id, signal),
  });
}

export function useDeliveryPreview(id: number) {
  return useQuery(getDeliveryPreviewQueryOptions(id));
}
