// POST /api/communications/announcements/ (admin); notifies every other user once.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AnnouncementCreate, AnnouncementCreated } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { getAnnouncementsQueryOptions } from './get-announcements.ts';

export function createAnnouncement(
  input: Static<typeof AnnouncementCreate>,
): Promise<Static<typeof AnnouncementCreated>> {
  return api.post<Static<typeof AnnouncementCreated>>('/api/communications/announcements/', input);
}

export function useCreateAnnouncement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAnnouncement,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getAnnouncementsQueryOptions().queryKey }),
  });
}
