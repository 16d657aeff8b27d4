// POST /api/communications/announcements/<id>/send/ (admin): a scheduled or missed one goes out now,
// notifying every other user once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AnnouncementSent } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { getAnnouncementsQueryOptions } from './get-announcements.ts';

export function sendAnnouncement(id: number): Promise<Static<typeof AnnouncementSent>> {
  return api.post<Static<typeof AnnouncementSent>>(`/api/communications/announcements/${id}/send/`);
}

export function useSendAnnouncement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendAnnouncement,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getAnnouncementsQueryOptions().queryKey }),
  });
}
