// POST /api/email/verify/: confirms the address of a verification link (no sign-in needed).

import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

export function verifyEmail(token: string): Promise<{ email: string }> {
  return api.post<{ email: string }>('/api/email/verify/', { token });
}

export function useVerifyEmail() {
  return useMutation({ mutationFn: verifyEmail });
}
