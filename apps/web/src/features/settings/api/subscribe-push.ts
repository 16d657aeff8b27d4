// POST /api/auth/me/push/subscriptions/ after this browser subscribed at its push service, and
// DELETE .../:id/ to turn one of my browsers off (this one also ends its own subscription).

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PushSubscription, PushSubscriptionInput } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { subscribeThisBrowser, unsubscribeThisBrowser } from '../../../lib/push-browser.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function savePushSubscription(subscription: PushSubscriptionInput): Promise<PushSubscription> {
  return api.post<PushSubscription>('/api/auth/me/push/subscriptions/', subscription);
}

export function removePushSubscription(id: number): Promise<void> {
  return api.delete(`/api/auth/me/push/subscriptions/${id}/`);
}

export function useTurnOnPush() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (publicKey: string) =>
      savePushSubscription((await subscribeThisBrowser(publicKey)) as PushSubscriptionInput),
    onSettled: () => queryClient.invalidateQueries({ queryKey: resourceKeys.pushSubscriptions }),
  });
}

export function useRemovePushSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, thisBrowser }: { id: number; thisBrowser: boolean }) => {
      await removePushSubscription(id);
      if (thisBrowser) await unsubscribeThisBrowser();
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: resourceKeys.pushSubscriptions }),
  });
}
