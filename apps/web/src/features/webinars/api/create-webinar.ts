// POST /api/webinars/ (host or admin)

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Webinar, WebinarCreate } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function createWebinar(input: WebinarCreate): Promise<Webinar> {
  return api.post<Webinar>('/api/webinars/', input);
}

export function useCreateWebinar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWebinar,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: resourceKeys.webinars }),
  });
}
