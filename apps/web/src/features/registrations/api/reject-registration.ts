// POST /api/registrations/<id>/reject/ (the webinar's host or an admin)

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RegistrationDecision } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function rejectRegistration(id: number): Promise<Static<typeof RegistrationDecision>> {
  return api.post<Static<typeof RegistrationDecision>>(`/api/registrations/${id}/reject/`);
}

export function useRejectRegistration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rejectRegistration,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: resourceKeys.registrations }),
  });
}
