// POST /api/auth/logout/: ends the session, in every tab.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { announceSession, showSignedOut } from './session-broadcast.ts';

export function signOut(): Promise<void> {
  return api.post<void>('/api/auth/logout/');
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => {
      announceSession('signed-out');
      showSignedOut(queryClient);
    },
  });
}
