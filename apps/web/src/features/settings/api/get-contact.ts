// GET /api/auth/me/contact/: my email address, its status, and my time zone.

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ContactSettings } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export function getContact(signal?: AbortSignal): Promise<ContactSettings> {
  return api.get<ContactSettings>('/api/auth/me/contact/', undefined, signal);
}

export function getContactQueryOptions() {
  return queryOptions({
    queryKey: [...resourceKeys.contact],
    queryFn: ({ signal }) => getContact(signal),
  });
}

export function useContact() {
  return useQuery(getContactQueryOptions());
}
