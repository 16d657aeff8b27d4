// /api/admin/users/: the user picker of the admin pages (admins only; 403 otherwise).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AdminUserPage, AdminUserQuery, ErrorBody } from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import * as service from './admin-users.service.ts';

export async function adminUserRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/admin/users/',
    {
      config: { roles: ['admin'] as const },
      schema: {
        tags: ['admin'],
        summary: 'Users whose username starts with `search` (any case), optionally of one role, by username',
        querystring: AdminUserQuery,
        response: { 200: AdminUserPage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => service.search(deps, request.query),
  );
}
