// GET /api/communications/notifications/preferences/: which types the user receives.

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Preferences } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function getPreferences(signal?: AbortSignal): Promise<Preferences> {
  return api.get<Preferences>('/api/communications/notifications/preferences/', undefined, signal);
}

export function getPreferencesQueryOptions() {
  return queryOptions({
    queryKey: [...resourceKeys.notifications, 'preferences'],
    queryFn: ({ signal }) => getPreferences(signal),
  });
}

export function usePreferences() {
  return useQuery(getPreferencesQueryOptions());
}
