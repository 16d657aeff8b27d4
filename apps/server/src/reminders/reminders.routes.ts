import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, IdempotencyHeaders, Reminded, RowIdParams } from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { idempotentRequest } from '../idempotency/request-fingerprint.ts';
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
        description:
          'With an Idempotency-Key header, a repeat of the request by the same admin reminds no one ' +
          'again and answers with the first answer and `replayed: true`; the same key with a ' +
          'different request is a 422.',
        params: RowIdParams,
        headers: IdempotencyHeaders,
        response: {
          200: Reminded,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request) => sendManualReminder(deps, Number(request.params.id), idempotentRequest(request)),
  );
}
