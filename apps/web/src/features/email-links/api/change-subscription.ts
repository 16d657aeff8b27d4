// POST /api/email/unsubscribe/: stop (or resume) the emails of an unsubscribe link's type.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UnsubscribeChange, UnsubscribeState } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';
import { lookupUnsubscribeQueryOptions } from './lookup-unsubscribe.ts';

export function changeSubscription(change: UnsubscribeChange): Promise<UnsubscribeState> {
  return api.post<UnsubscribeState>('/api/email/unsubscribe/', change);
}

export function useChangeSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeSubscription,
    onSuccess: (state, change) => {
      queryClient.setQueryData(lookupUnsubscribeQueryOptions(change.token).queryKey, state);
      void queryClient.invalidateQueries({ queryKey: resourceKeys.channelPreferences });
    },
  });
}
