// GET /api/admin/deliveries/: the delivery log, filtered, a page at a time (admins only).

import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { DeliveryPage, DeliveryQuery } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function getDeliveries(query: DeliveryQuery, signal?: AbortSignal): Promise<DeliveryPage> {
  return api.get<DeliveryPage>('/api/admin/deliveries/', { ...query }, signal);
}

export function getDeliveriesQueryOptions(query: DeliveryQuery) {
  return queryOptions({
    queryKey: [...resourceKeys.deliveries, 'list', query],
    queryFn: ({ signal }) => getDeliveries(query, signal),
  });
}

export function useDeliveries(query: DeliveryQuery) {
  // The table keeps the previous page on screen while the next one loads.
  return useQuery({ ...getDeliveriesQueryOptions(query), placeholderData: keepPreviousData });
}
