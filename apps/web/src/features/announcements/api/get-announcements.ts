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

/**
 * While one is scheduled, look again a few seconds after the soonest goes out (at most a minute
 * apart), so its author, whom it does not notify, sees it turn Sent.
 */
export function nextRefetchMs(page: AnnouncementPage | undefined, now = Date.now()): number | false {
  const times = (page?.results ?? [])
    .filter((announcement) => announcement.state === 'scheduled' && announcement.send_at)
    .map((announcement) => new Date(announcement.send_at ?? '').getTime());
  if (times.length === 0) return false;
  return Math.min(Math.max(Math.min(...times) - now + 3000, 5000), 60_000);
}

export function getAnnouncementsQueryOptions() {
  return queryOptions({
    queryKey: [...resourceKeys.announcements, 'list'],
    queryFn: ({ signal }) => getAnnouncements(signal),
    refetchInterval: (query) => nextRefetchMs(query.state.data),
  });
}

export function useAnnouncements() {
  return useQuery(getAnnouncementsQueryOptions());
}
