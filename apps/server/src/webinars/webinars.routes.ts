// /api/webinars/: browse, create, edit, delete.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  Page,
  RowIdParams,
  Webinar,
  WebinarCreate,
  WebinarListQuery,
  WebinarUpdate,
} from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { AppDeps } from '../app-deps.ts';
import { currentUser } from '../auth/authenticate.ts';
import { linkBase } from '../http/link-base.ts';
import * as service from './webinars.service.ts';

const tags = ['webinars'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export async function webinarRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  app.get(
    '/api/webinars/',
    {
      schema: {
        tags,
        summary:
          'Webinars: `status=upcoming|live|ended`, `mine=true` (hosted by me, or registered for as a student)',
        querystring: WebinarListQuery,
        response: { 200: Page(Webinar), ...errors },
      },
    },
    async (request) => service.listWebinars(db, currentUser(request), request.query),
  );

  app.get(
    '/api/webinars/:id/',
    { schema: { tags, summary: 'One webinar', params: RowIdParams, response: { 200: Webinar, ...errors } } },
    async (request) => service.getWebinar(db, currentUser(request), Number(request.params.id)),
  );

  app.get(
    '/api/webinars/:id/calendar.ics',
    {
      schema: {
        tags,
        summary: 'The webinar as an iCalendar file (one event) to add to a calendar app',
        params: RowIdParams,
        response: {
          200: {
            description: 'An iCalendar (RFC 5545) file, sent as a download',
            content: { 'text/calendar': { schema: Type.String() } },
          },
          400: ErrorBody,
          401: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { filename, body } = await service.getWebinarCalendar(
        deps,
        currentUser(request),
        Number(request.params.id),
        linkBase(deps.config),
      );
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(body);
    },
  );

  app.post(
    '/api/webinars/',
    {
      config: { roles: ['host', 'admin'] },
      schema: {
        tags,
        summary: 'Create a webinar (host or admin)',
        body: WebinarCreate,
        response: { 201: Webinar, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createWebinar(deps, currentUser(request), request.body)),
  );

  app.patch(
    '/api/webinars/:id/',
    {
      config: { roles: ['host', 'admin'] },
      schema: {
        tags,
        summary: 'Edit a webinar (its host or an admin)',
        params: RowIdParams,
        body: WebinarUpdate,
        response: { 200: Webinar, ...errors },
      },
    },
    async (request) =>
      service.updateWebinar(deps, currentUser(request), Number(request.params.id), request.body),
  );

  app.delete(
    '/api/webinars/:id/',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: 'Delete a webinar (admin)',
        params: RowIdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteWebinar(db, Number(request.params.id), deps.bus);
      return reply.status(204).send(null);
    },
  );
}
