// GET /api/webinars/<id>/registrations/?status=: a webinar's registrations (its host or an admin).

import { queryOptions, useQueries } from '@tanstack/react-query';
import type { Page, Registration, RegistrationStatus } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export type RegistrationPage = Static<ReturnType<typeof Page<typeof Registration>>>;

const PAGE_SIZE = 100;

export function getWebinarRegistrations(
  webinarId: number,
  status: RegistrationStatus,
  signal?: AbortSignal,
): Promise<RegistrationPage> {
  return api.get<RegistrationPage>(
    `/api/webinars/${webinarId}/registrations/`,
    { status, page_size: PAGE_SIZE },
    signal,
  );
}

export function getWebinarRegistrationsQueryOptions(webinarId: number, status: RegistrationStatus) {
  return queryOptions({
    queryKey: [...resourceKeys.registrations, 'webinar', webinarId, status],
    queryFn: ({ signal }) => getWebinarRegistrations(webinarId, status, signal),
  });
}

/** One query per webinar, combined: the registrations in `status` across all of them. */
export function useRegistrationsOfWebinars(webinarIds: number[], status: RegistrationStatus) {
  return useQueries({
    queries: webinarIds.map((id) => getWebinarRegistrationsQueryOptions(id, status)),
    combine: (results) => ({
      registrations: results.flatMap((result) => result.data?.results ?? []),
      isPending: results.some((result) => result.isPending),
      error: results.find((result) => result.error)?.error ?? null,
      refetch: () => Promise.all(results.map((result) => result.refetch())),
    }),
  });
}
