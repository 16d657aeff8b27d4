// GET /api/communications/announcements/: newest first.

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Announcement, Page } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export type AnnouncementPage = Static<ReturnType<typeof Page<typeof Announcement>>>;

export function getAnnouncements(signal?: AbortSignal): Promise<AnnouncementPage> {
  return api.get<AnnouncementPage>('/api/communications/announcements/', { page_size: 100 }, signal);
}

export function getAnnouncementsQueryOptions() {
  return queryOptions({
    queryKey: [...resourceKeys.announcements, 'list'],
    queryFn: ({ signal }) => getAnnouncements(signal),
  });
}

export function useAnnouncements() {
  return useQuery(getAnnouncementsQueryOptions());
}
