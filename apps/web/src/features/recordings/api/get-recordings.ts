// GET /api/recordings/: the recordings the user may see (of webinars they host or are approved for).

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Page, Recording } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export type RecordingPage = Static<ReturnType<typeof Page<typeof Recording>>>;

const PAGE_SIZE = 100;

export function getRecordings(signal?: AbortSignal): Promise<RecordingPage> {
  return api.get<RecordingPage>('/api/recordings/', { page_size: PAGE_SIZE }, signal);
}

export function getRecordingsQueryOptions() {
  return queryOptions({
    queryKey: [...resourceKeys.recordings, 'list'],
    queryFn: ({ signal }) => getRecordings(signal),
  });
}

export function useRecordings() {
  return useQuery(getRecordingsQueryOptions());
}
