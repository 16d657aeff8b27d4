// /api/live-sessions/<id>/start|join|end/, where <id> is the webinar's id: a webinar has at most
// one live session at a time, so the webinar names it (as the original platform's URLs did).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, LiveSessionAction, LiveSessionJoin, RowIdParams } from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { currentUser } from '../auth/authenticate.ts';
import * as service from './live-sessions.service.ts';

const tags = ['live sessions'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const params = RowIdParams;
const webinarIdNote = ' `<id>` is the id of the webinar.';

export async function liveSessionRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/live-sessions/:id/start/',
    {
      config: { roles: ['host', 'admin'] },
      schema: {
        tags,
        summary: 'Start the live session (its host or an admin); notifies every approved registrant',
        description: `409 when it is already live or has ended.${webinarIdNote}`,
        params,
        response: { 200: LiveSessionAction, ...errors },
      },
    },
    async (request) => service.start(deps, currentUser(request), Number(request.params.id)),
  );

  app.post(
    '/api/live-sessions/:id/join/',
    {
      schema: {
        tags,
        summary: 'Join the live session (approved registrants, the host, admins)',
        description: `409 when the webinar is not live.${webinarIdNote}`,
        params,
        response: { 200: LiveSessionJoin, ...errors },
      },
    },
    async (request) => service.join(deps, currentUser(request), Number(request.params.id)),
  );

  app.post(
    '/api/live-sessions/:id/end/',
    {
      config: { roles: ['host', 'admin'] },
      schema: {
        tags,
        summary: 'End the live session; notifies everyone who joined',
        description: `409 when it is not live.${webinarIdNote}`,
        params,
        response: { 200: LiveSessionAction, ...errors },
      },
    },
    async (request) => service.end(deps, currentUser(request), Number(request.params.id)),
  );
}
