// GET /api/registrations/: the signed-in user's registrations.

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Page, Registration } from '@webinar/contracts';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export type RegistrationPage = Static<ReturnType<typeof Page<typeof Registration>>>;

const PAGE_SIZE = 100;

export function getMyRegistrations(signal?: AbortSignal): Promise<RegistrationPage> {
  return api.get<RegistrationPage>('/api/registrations/', { page_size: PAGE_SIZE }, signal);
}

export function getMyRegistrationsQueryOptions() {
  return queryOptions({
    queryKey: [...resourceKeys.registrations, 'mine'],
    queryFn: ({ signal }) => getMyRegistrations(signal),
  });
}

export function useMyRegistrations() {
  return useQuery(getMyRegistrationsQueryOptions());
}
