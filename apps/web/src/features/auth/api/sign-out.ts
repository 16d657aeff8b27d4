// POST /api/auth/logout/: ends the session, in every tab.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { getSessionQueryOptions } from './get-session.ts';
import { announceSession } from './session-broadcast.ts';

export function signOut(): Promise<void> {
  return api.post<void>('/api/auth/logout/');
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => {
      announceSession('signed-out');
      queryClient.clear();
      queryClient.setQueryData(getSessionQueryOptions().queryKey, null);
    },
  });
}
