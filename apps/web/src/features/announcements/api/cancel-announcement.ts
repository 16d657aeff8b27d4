// POST /api/communications/announcements/<id>/cancel/ (admin): a scheduled or missed one is never sent.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Announcement } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { getAnnouncementsQueryOptions } from './get-announcements.ts';

export function cancelAnnouncement(id: number): Promise<Announcement> {
  return api.post<Announcement>(`/api/communications/announcements/${id}/cancel/`);
}

export function useCancelAnnouncement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelAnnouncement,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getAnnouncementsQueryOptions().queryKey }),
  });
}
