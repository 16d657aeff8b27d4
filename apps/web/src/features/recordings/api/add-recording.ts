// POST /api/webinars/<id>/recordings/ (the webinar's host or an admin); notifies approved registrants.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RecordingCreate, RecordingCreated } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function addRecording(
  webinarId: number,
  input: Static<typeof RecordingCreate>,
): Promise<Static<typeof RecordingCreated>> {
  return api.post<Static<typeof RecordingCreated>>(`/api/webinars/${webinarId}/recordings/`, input);
}

export function useAddRecording() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ webinarId, input }: { webinarId: number; input: Static<typeof RecordingCreate> }) =>
      addRecording(webinarId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: resourceKeys.recordings }),
  });
}
