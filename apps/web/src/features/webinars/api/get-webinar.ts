// GET /api/webinars/<id>/

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Webinar } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';
import { WEBINAR_REFRESH_MS } from './webinar-refresh.ts';

export function getWebinar(id: number, signal?: AbortSignal): Promise<Webinar> {
  return api.get<Webinar>(`/api/webinars/${id}/`, undefined, signal);
}

export function getWebinarQueryOptions(id: number) {
  return queryOptions({
    queryKey: [...resourceKeys.webinars, 'detail', id],
    queryFn: ({ signal }) => getWebinar(id, signal),
    refetchInterval: WEBINAR_REFRESH_MS,
  });
}

export function useWebinar(id: number) {
  return useQuery(getWebinarQueryOptions(id));
}
