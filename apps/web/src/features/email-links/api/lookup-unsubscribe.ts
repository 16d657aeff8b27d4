// POST /api/email/unsubscribe/lookup/: what an unsubscribe link is about. Only reads: the page
// changes nothing until its button is pressed (mail scanners open every link).

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { UnsubscribeState } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';

export function lookupUnsubscribe(token: string): Promise<UnsubscribeState> {
  return api.post<UnsubscribeState>('/api/email/unsubscribe/lookup/', { token });
}

export function lookupUnsubscribeQueryOptions(token: string) {
  return queryOptions({
    queryKey: ['unsubscribe', token],
    queryFn: () => lookupUnsubscribe(token),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

export function useUnsubscribeLookup(token: string) {
  return useQuery(lookupUnsubscribeQueryOptions(token));
}
