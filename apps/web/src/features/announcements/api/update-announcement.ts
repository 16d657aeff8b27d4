// PATCH /api/communications/announcements/<id>/ (admin): a scheduled or missed one, before it goes.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Announcement, AnnouncementUpdate } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { getAnnouncementsQueryOptions } from './get-announcements.ts';

export function updateAnnouncement(
  id: number,
  input: Static<typeof AnnouncementUpdate>,
): Promise<Announcement> {
  return api.patch<Announcement>(`/api/communications/announcements/${id}/`, input);
}

export function useUpdateAnnouncement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: Static<typeof AnnouncementUpdate> }) =>
      updateAnnouncement(id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getAnnouncementsQueryOptions().queryKey }),
  });
}
