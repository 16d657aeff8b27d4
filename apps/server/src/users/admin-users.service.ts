// The admin's user picker: find users by the start of their username, to send to or to make host.
import type { AdminUserPage, AdminUserQuery } from '@webinar/contracts';
import type { AppDeps } from '../app-deps.ts';
import { searchUsers } from './users.repository.ts';

export async function search(deps: Pick<AppDeps, 'db'>, query: AdminUserQuery): Promise<AdminUserPage> {
  const page = query.page ?? 1;
  const pageSize = query.page_size ?? 20;
  const { count, rows } = await searchUsers(deps.db, {
    prefix: query.search,
    role: query.role,
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  return { count, page, page_size: pageSize, results: rows };
}
