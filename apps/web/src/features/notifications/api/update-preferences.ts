// PUT /api/communications/notifications/preferences/: mute or unmute types.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Preferences, PreferencesUpdate } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { getPreferencesQueryOptions } from './get-preferences.ts';

export function updatePreferences(update: PreferencesUpdate): Promise<Preferences> {
  return api.put<Preferences>('/api/communications/notifications/preferences/', update);
}

export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePreferences,
    onSuccess: (preferences) => queryClient.setQueryData(getPreferencesQueryOptions().queryKey, preferences),
  });
}
