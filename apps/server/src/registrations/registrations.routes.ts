// Registering for webinars and deciding on registrations.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  Page,
  PageQuery,
  Registration,
  RegistrationDecision,
  RegistrationStatus,
  RowIdParams,
} from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { AppDeps } from '../app-deps.ts';
import { currentUser } from '../auth/authenticate.ts';
import * as service from './registrations.service.ts';

const tags = ['registrations'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const ListQuery = Type.Object({
  status: Type.Optional(RegistrationStatus),
  ...PageQuery.properties,
});

export async function registrationRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/webinars/:id/register/',
    {
      schema: {
        tags,
        summary: 'Register for a webinar (students; once: a second time is 409)',
        params: RowIdParams,
        response: { 201: Registration, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.register(deps, currentUser(request), Number(request.params.id))),
  );

  app.get(
    '/api/webinars/:id/registrations/',
    {
      config: { roles: ['host', 'admin'] },
      schema: {
        tags,
        summary: "A webinar's registrations (its host or an admin)",
        params: RowIdParams,
        querystring: ListQuery,
        response: { 200: Page(Registration), ...errors },
      },
    },
    async (request) =>
      service.listForWebinar(deps, currentUser(request), Number(request.params.id), request.query),
  );

  app.get(
    '/api/registrations/',
    {
      schema: {
        tags,
        summary: 'My registrations',
        querystring: ListQuery,
        response: { 200: Page(Registration), ...errors },
      },
    },
    async (request) => service.listMine(deps, currentUser(request), request.query),
  );

  for (const [action, status] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(
      `/api/registrations/:id/${action}/`,
      {
        config: { roles: ['host', 'admin'] },
        schema: {
          tags,
          summary:
            status === 'approved'
              ? 'Approve a registration (sends registration_approved once)'
              : 'Reject a registration',
          params: RowIdParams,
          response: { 200: RegistrationDecision, ...errors },
        },
      },
      async (request) => service.decide(deps, currentUser(request), Number(request.params.id), status),
    );
  }
}
