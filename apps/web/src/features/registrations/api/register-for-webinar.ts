// POST /api/webinars/<id>/register/ (students)

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Registration } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function registerForWebinar(webinarId: number): Promise<Registration> {
  return api.post<Registration>(`/api/webinars/${webinarId}/register/`);
}

export function useRegisterForWebinar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: registerForWebinar,
    // The webinar's `my_registration` changes too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: resourceKeys.registrations }),
        queryClient.invalidateQueries({ queryKey: resourceKeys.webinars }),
      ]),
  });
}
