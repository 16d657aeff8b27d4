// GET /api/admin/users/?search=<username prefix>: the admin's user picker.

import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { AdminUserPage, AdminUserSummary, Role } from '@webinar/contracts';
import { api } from '../../lib/api-client.ts';

const SUGGESTIONS = 8;

export function searchUsers(search: string, role?: Role, signal?: AbortSignal): Promise<AdminUserPage> {
  return api.get<AdminUserPage>('/api/admin/users/', { search, role, page_size: SUGGESTIONS }, signal);
}

export function searchUsersQueryOptions(search: string, role?: Role) {
  return queryOptions({
    queryKey: ['admin-users', search.toLowerCase(), role ?? 'any'],
    queryFn: ({ signal }) => searchUsers(search, role, signal),
    staleTime: 30_000,
  });
}

export function useUserSuggestions(search: string, role?: Role) {
  return useQuery({
    ...searchUsersQueryOptions(search, role),
    enabled: search.length > 0,
    // The list stays while the next letters load, so it does not flicker.
    placeholderData: keepPreviousData,
  });
}

/** The user with exactly this username (any case), or null. */
export async function findUserByUsername(username: string, role?: Role): Promise<AdminUserSummary | null> {
  const wanted = username.trim().toLowerCase();
  if (!wanted) return null;
  const page = await searchUsers(wanted, role);
  return page.results.find((user) => user.username.toLowerCase() === wanted) ?? null;
}
