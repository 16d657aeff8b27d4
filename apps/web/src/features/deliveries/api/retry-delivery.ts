// POST /api/admin/deliveries/:id/retry/: queue a failed or skipped delivery again, due now (409
// with the reason for any other status).

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Delivery } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';
import { getDeliveryQueryOptions } from './get-delivery.ts';

export function retryDelivery(id: number): Promise<Delivery> {
  return api.post<Delivery>(`/api/admin/deliveries/${id}/retry/`);
}

export function useRetryDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryDelivery,
    onSuccess: (delivery) => {
      queryClient.setQueryData(getDeliveryQueryOptions(delivery.id).queryKey, delivery);
      void queryClient.invalidateQueries({ queryKey: resourceKeys.deliveries });
    },
  });
}
