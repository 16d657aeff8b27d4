// Recordings of webinars: listed for those who may see them, added by the host or an admin.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  Page,
  PageQuery,
  Recording,
  RecordingCreate,
  RecordingCreated,
  RowIdParams,
} from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { currentUser } from '../auth/authenticate.ts';
import * as service from './recordings.service.ts';

const tags = ['recordings'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export async function recordingRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/recordings/',
    {
      schema: {
        tags,
        summary: 'Recordings I may see: of webinars I host or am approved for (admins: all)',
        querystring: PageQuery,
        response: { 200: Page(Recording), ...errors },
      },
    },
    async (request) => service.listRecordings(deps.db, currentUser(request), request.query),
  );

  app.get(
    '/api/webinars/:id/recordings/',
    {
      schema: {
        tags,
        summary: "A webinar's recordings (empty unless I host it or am approved for it)",
        params: RowIdParams,
        querystring: PageQuery,
        response: { 200: Page(Recording), ...errors },
      },
    },
    async (request) =>
      service.listRecordings(deps.db, currentUser(request), {
        ...request.query,
        webinarId: Number(request.params.id),
      }),
  );

  app.post(
    '/api/webinars/:id/recordings/',
    {
      config: { roles: ['host', 'admin'] },
      schema: {
        tags,
        summary: 'Add a recording (its host or an admin); notifies every approved registrant',
        params: RowIdParams,
        body: RecordingCreate,
        response: { 201: RecordingCreated, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.addRecording(deps, currentUser(request), Number(request.params.id), request.body),
        ),
  );
}
