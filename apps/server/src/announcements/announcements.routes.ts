// /api/communications/announcements/: everyone reads them; admins make, edit and delete them.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  Announcement,
  AnnouncementCreate,
  AnnouncementCreated,
  AnnouncementUpdate,
  ErrorBody,
  IdempotencyHeaders,
  Page,
  PageQuery,
  RowIdParams,
} from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { AppDeps } from '../app-deps.ts';
import { currentUser } from '../auth/authenticate.ts';
import { idempotentRequest } from '../idempotency/request-fingerprint.ts';
import * as service from './announcements.service.ts';

const BASE = '/api/communications/announcements';
const tags = ['announcements'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export async function announcementRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const admin = { roles: ['admin'] as const };

  app.get(
    `${BASE}/`,
    {
      schema: {
        tags,
        summary: 'Announcements, newest first',
        querystring: PageQuery,
        response: { 200: Page(Announcement), ...errors },
      },
    },
    async (request) => service.listAnnouncements(deps.db, request.query),
  );

  app.get(
    `${BASE}/:id/`,
    {
      schema: {
        tags,
        summary: 'One announcement',
        params: RowIdParams,
        response: { 200: Announcement, ...errors },
      },
    },
    async (request) => service.getAnnouncement(deps.db, Number(request.params.id)),
  );

  app.post(
    `${BASE}/`,
    {
      config: admin,
      schema: {
        tags,
        summary: 'Make an announcement (admin); notifies every other user once',
        description:
          'With an Idempotency-Key header, a repeat of the request by the same admin answers 200 ' +
          'with the first answer and `replayed: true`, notifying no one; the same key with a ' +
          'different request is a 422.',
        headers: IdempotencyHeaders,
        body: AnnouncementCreate,
        response: { 201: AnnouncementCreated, 200: AnnouncementCreated, 422: ErrorBody, ...errors },
      },
    },
    async (request, reply) => {
      const created = await service.createAnnouncement(
        deps,
        currentUser(request),
        request.body,
        idempotentRequest(request),
      );
      return reply.status(created.replayed ? 200 : 201).send(created);
    },
  );

  app.patch(
    `${BASE}/:id/`,
    {
      config: admin,
      schema: {
        tags,
        summary: 'Edit an announcement (admin); notifies no one again',
        params: RowIdParams,
        body: AnnouncementUpdate,
        response: { 200: Announcement, ...errors },
      },
    },
    async (request) => service.updateAnnouncement(deps, Number(request.params.id), request.body),
  );

  app.delete(
    `${BASE}/:id/`,
    {
      config: admin,
      schema: {
        tags,
        summary: 'Delete an announcement (admin)',
        params: RowIdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteAnnouncement(deps.db, Number(request.params.id));
      return reply.status(204).send(null);
    },
  );
}
