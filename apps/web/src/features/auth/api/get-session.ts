// GET /api/auth/me/: who is signed in. A 401 is an answer here ("nobody"), not an error, so the
// session query holds `User | null` and every guard reads it.

import { queryOptions, useQuery } from '@tanstack/react-query';
import type { User } from '@webinar/contracts';
import { api, isUnauthorized, mayHaveSession } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';

export async function getSession(signal?: AbortSignal): Promise<User | null> {
  if (!mayHaveSession()) return null;
  try {
    return await api.get<User>('/api/auth/me/', undefined, signal);
  } catch (error) {
    if (isUnauthorized(error)) return null;
    throw error;
  }
}

export function getSessionQueryOptions() {
  return queryOptions({
    queryKey: [...resourceKeys.session, 'me'],
    queryFn: ({ signal }) => getSession(signal),
    // Changes only by signing in or out (both set it) or by a 401 (see app/providers.tsx).
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSession() {
  return useQuery(getSessionQueryOptions());
}
