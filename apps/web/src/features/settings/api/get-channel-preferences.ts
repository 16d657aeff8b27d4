// GET /api/notifications/channel-preferences/: per type, whether it reaches me in the app and by email.

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ChannelPreferences } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function getChannelPreferences(signal?: AbortSignal): Promise<ChannelPreferences> {
  return api.get<ChannelPreferences>('/api/notifications/channel-preferences/', undefined, signal);
}

export function getChannelPreferencesQueryOptions() {
  return queryOptions({
    queryKey: [...resourceKeys.channelPreferences],
    queryFn: ({ signal }) => getChannelPreferences(signal),
  });
}

export function useChannelPreferences() {
  return useQuery(getChannelPreferencesQueryOptions());
}
