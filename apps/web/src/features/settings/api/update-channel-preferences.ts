// PUT /api/notifications/channel-preferences/: turn a type on or off per channel (`email: null` goes
// back to the admins' default). Optimistic: the matrix shows the change at once and puts the cell
// back if the server refuses it.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  ChannelPreferenceRow,
  ChannelPreferences,
  ChannelPreferencesUpdate,
  NotificationType,
} from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { getChannelPreferencesQueryOptions } from './get-channel-preferences.ts';

export function updateChannelPreferences(update: ChannelPreferencesUpdate): Promise<ChannelPreferences> {
  return api.put<ChannelPreferences>('/api/notifications/channel-preferences/', update);
}

/** A row as it will be once the change is saved. */
export function applyChange(
  row: ChannelPreferenceRow,
  change: { in_app?: boolean; email?: boolean | null; push?: boolean | null },
): ChannelPreferenceRow {
  const next = { ...row };
  if (change.in_app !== undefined) {
    next.in_app = { ...row.in_app, enabled: change.in_app, is_default: change.in_app };
  }
  if (change.email !== undefined) {
    next.email =
      change.email === null
        ? { ...row.email, enabled: row.email_timing !== 'off', is_default: true }
        : { ...row.email, enabled: change.email, is_default: false };
  }
  if (change.push !== undefined) {
    next.push =
      change.push === null
        ? { ...row.push, enabled: row.push_timing !== 'off', is_default: true }
        : { ...row.push, enabled: change.push, is_default: false };
  }
  return next;
}

export function useUpdateChannelPreferences() {
  const queryClient = useQueryClient();
  const { queryKey } = getChannelPreferencesQueryOptions();
  return useMutation({
    mutationFn: updateChannelPreferences,
    onMutate: async (update) => {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData(queryKey);
      if (previous) {
        queryClient.setQueryData(queryKey, {
          results: previous.results.map((row) => {
            const change = update[row.notification_type as NotificationType];
            return change ? applyChange(row, change) : row;
          }),
        });
      }
      return { previous };
    },
    onError: (_error, _update, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
      // Another change may have landed meanwhile: what the server has wins.
      void queryClient.invalidateQueries({ queryKey });
    },
    onSuccess: (preferences) => queryClient.setQueryData(queryKey, preferences),
  });
}
