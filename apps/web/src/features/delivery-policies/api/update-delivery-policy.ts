// PUT /api/admin/delivery-policies/:type/:channel/: change a type's default timing on a channel.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  DeliveryChannel,
  DeliveryPolicy,
  DeliveryPolicyUpdate,
  NotificationType,
} from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';
import { getDeliveryPoliciesQueryOptions } from './get-delivery-policies.ts';

export interface PolicyChange {
  type: NotificationType;
  channel: DeliveryChannel;
  update: DeliveryPolicyUpdate;
}

export function updateDeliveryPolicy({ type, channel, update }: PolicyChange): Promise<DeliveryPolicy> {
  return api.put<DeliveryPolicy>(`/api/admin/delivery-policies/${type}/${channel}/`, update);
}

export function useUpdateDeliveryPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateDeliveryPolicy,
    onSuccess: (policy) => {
      const { queryKey } = getDeliveryPoliciesQueryOptions();
      queryClient.setQueryData(queryKey, (list) =>
        list
          ? {
              results: list.results.map((row) =>
                row.notification_type === policy.notification_type && row.channel === policy.channel
                  ? policy
                  : row,
              ),
            }
          : list,
      );
      // Users' matrices describe the timing.
      void queryClient.invalidateQueries({ queryKey: resourceKeys.channelPreferences });
    },
  });
}
