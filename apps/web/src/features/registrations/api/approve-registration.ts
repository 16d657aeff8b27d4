// POST /api/registrations/<id>/approve/ (the webinar's host or an admin)

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RegistrationDecision } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function approveRegistration(id: number): Promise<Static<typeof RegistrationDecision>> {
  return api.post<Static<typeof RegistrationDecision>>(`/api/registrations/${id}/approve/`);
}

export function useApproveRegistration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: approveRegistration,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: resourceKeys.registrations }),
  });
}
