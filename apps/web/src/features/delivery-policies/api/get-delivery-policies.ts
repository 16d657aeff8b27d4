// GET /api/admin/delivery-policies/: when each notification type is emailed by default (admins only).

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DeliveryPolicyList } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function getDeliveryPolicies(signal?: AbortSignal): Promise<DeliveryPolicyList> {
  return api.get<DeliveryPolicyList>('/api/admin/delivery-policies/', undefined, signal);
}

export function getDeliveryPoliciesQueryOptions() {
  return queryOptions({
    queryKey: [...resourceKeys.deliveryPolicies],
    queryFn: ({ signal }) => getDeliveryPolicies(signal),
  });
}

export function useDeliveryPolicies() {
  return useQuery(getDeliveryPoliciesQueryOptions());
}
