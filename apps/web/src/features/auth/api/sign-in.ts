// POST /api/auth/login/: signs the browser in (session cookie + CSRF cookie).

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Credentials, Session } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { getSessionQueryOptions } from './get-session.ts';
import { announceSession } from './session-broadcast.ts';

export function signIn(credentials: Credentials): Promise<Session> {
  return api.post<Session>('/api/auth/login/', credentials);
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: ({ user }) => {
      // Nothing cached for a previous user may show for this one.
      queryClient.clear();
      queryClient.setQueryData(getSessionQueryOptions().queryKey, user);
      announceSession('signed-in');
    },
  });
}
