// POST /api/auth/me/contact/verification/: send the verification link again (at most once a minute).

import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

export function resendVerification(): Promise<void> {
  return api.post<void>('/api/auth/me/contact/verification/');
}

export function useResendVerification() {
  return useMutation({ mutationFn: resendVerification });
}
