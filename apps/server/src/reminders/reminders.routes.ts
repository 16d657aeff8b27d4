import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, Notified, RowIdParams } from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { currentUser } from '../auth/authenticate.ts';
import { sendManualReminder } from './reminders.service.ts';

export async function reminderRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/webinars/:id/remind/',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['webinars'],
        summary: 'Send an upcoming_webinar reminder to every approved registrant now (admin)',
        params: RowIdParams,
        response: {
          200: Notified,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) => sendManualReminder(deps, currentUser(request), Number(request.params.id)),
  );
}
