// PATCH /api/webinars/<id>/ (its host or an admin)

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Webinar, WebinarUpdate } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function updateWebinar(id: number, input: WebinarUpdate): Promise<Webinar> {
  return api.patch<Webinar>(`/api/webinars/${id}/`, input);
}

export function useUpdateWebinar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: WebinarUpdate }) => updateWebinar(id, input),
    // Titles also appear in registrations and recordings, which hang under other roots.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: resourceKeys.webinars }),
        queryClient.invalidateQueries({ queryKey: resourceKeys.registrations }),
        queryClient.invalidateQueries({ queryKey: resourceKeys.recordings }),
      ]),
  });
}
