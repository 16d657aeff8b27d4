// GET /api/auth/me/push/subscriptions/ and .../public-key/: my browsers that receive push, and the
// server's key to subscribe another (null when push is not configured).

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PushPublicKey, PushSubscriptionList } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function getPushSubscriptions(signal?: AbortSignal): Promise<PushSubscriptionList> {
  return api.get<PushSubscriptionList>('/api/auth/me/push/subscriptions/', undefined, signal);
}

export function getPushPublicKey(signal?: AbortSignal): Promise<PushPublicKey> {
  return api.get<PushPublicKey>('/api/auth/me/push/public-key/', undefined, signal);
}

export function getPushSubscriptionsQueryOptions() {
  return queryOptions({
    queryKey: [...resourceKeys.pushSubscriptions, 'list'],
    queryFn: ({ signal }) => getPushSubscriptions(signal),
  });
}

export function usePushSubscriptions() {
  return useQuery(getPushSubscriptionsQueryOptions());
}

export function usePushPublicKey() {
  return useQuery({
    queryKey: [...resourceKeys.pushSubscriptions, 'public-key'],
    queryFn: ({ signal }) => getPushPublicKey(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
