// POST /api/communications/announcements/ (admin); notifies every other user once, now or at its
// send_at. The request key makes a retried request answer with the announcement the first one made.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AnnouncementCreate, AnnouncementCreated } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { idempotencyHeaders } from '../../../lib/request-key.ts';
import { getAnnouncementsQueryOptions } from './get-announcements.ts';

export function createAnnouncement({
  input,
  requestKey,
}: {
  input: Static<typeof AnnouncementCreate>;
  requestKey: string;
}): Promise<Static<typeof AnnouncementCreated>> {
  return api.post<Static<typeof AnnouncementCreated>>(
    '/api/communications/announcements/',
    input,
    idempotencyHeaders(requestKey),
  );
}

export function useCreateAnnouncement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAnnouncement,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getAnnouncementsQueryOptions().queryKey }),
  });
}
