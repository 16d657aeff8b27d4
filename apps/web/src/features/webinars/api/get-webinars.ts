// GET /api/webinars/: browse webinars (`status`, `mine`, pages).

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Page, Webinar, WebinarListQuery } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';
import { WEBINAR_REFRESH_MS } from './webinar-refresh.ts';

export type WebinarPage = Static<ReturnType<typeof Page<typeof Webinar>>>;

export function getWebinars(query: WebinarListQuery, signal?: AbortSignal): Promise<WebinarPage> {
  return api.get<WebinarPage>('/api/webinars/', { ...query }, signal);
}

export function getWebinarsQueryOptions(query: WebinarListQuery) {
  return queryOptions({
    queryKey: [...resourceKeys.webinars, 'list', query],
    queryFn: ({ signal }) => getWebinars(query, signal),
    refetchInterval: WEBINAR_REFRESH_MS,
  });
}

export function useWebinars(query: WebinarListQuery) {
  return useQuery(getWebinarsQueryOptions(query));
}
