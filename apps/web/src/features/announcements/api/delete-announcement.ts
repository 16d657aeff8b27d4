// DELETE /api/communications/announcements/<id>/ (admin)
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { getAnnouncementsQueryOptions } from './get-announcements.ts';

export function deleteAnnouncement(id: number): Promise<void> {
  return api.delete(`/api/communications/announcements/${id}/`);
}

export function useDeleteAnnouncement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAnnouncement,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getAnnouncementsQueryOptions().queryKey }),
  });
}
