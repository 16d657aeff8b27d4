// GET /api/webinars/<id>/recordings/: one webinar's recordings (empty unless the user may see them).

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Page, Recording } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export type RecordingPage = Static<ReturnType<typeof Page<typeof Recording>>>;

export function getWebinarRecordings(webinarId: number, signal?: AbortSignal): Promise<RecordingPage> {
  return api.get<RecordingPage>(`/api/webinars/${webinarId}/recordings/`, { page_size: 100 }, signal);
}

export function getWebinarRecordingsQueryOptions(webinarId: number) {
  return queryOptions({
    queryKey: [...resourceKeys.recordings, 'webinar', webinarId],
    queryFn: ({ signal }) => getWebinarRecordings(webinarId, signal),
  });
}

export function useWebinarRecordings(webinarId: number) {
  return useQuery(getWebinarRecordingsQueryOptions(webinarId));
}
