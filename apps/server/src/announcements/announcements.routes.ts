// /api/communications/announcements/: everyone reads the sent ones; admins see every one, make them
// (now or scheduled), edit, cancel, send and delete them.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  Announcement,
  AnnouncementCreate,
  AnnouncementCreated,
  AnnouncementSent,
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
const conflict = { 409: ErrorBody };

export async function announcementRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const admin = { roles: ['admin'] as const };

  app.get(
    `${BASE}/`,
    {
      schema: {
        tags,
        summary: 'Announcements, newest first (admins also see scheduled, cancelled and missed ones)',
        querystring: PageQuery,
        response: { 200: Page(Announcement), ...errors },
      },
    },
    async (request) => service.listAnnouncements(deps.db, currentUser(request), request.query),
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
    async (request) => service.getAnnouncement(deps.db, currentUser(request), Number(request.params.id)),
  );

  app.post(
    `${BASE}/`,
    {
      config: admin,
      schema: {
        tags,
        summary: 'Make an announcement (admin); notifies every other user once, now or at `send_at`',
        description:
          'With `send_at` (a date-time with its zone, in the future, at most a year ahead) it is ' +
          'scheduled and notifies no one until then (`notified: 0`). ' +
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
        summary: 'Edit a scheduled or missed announcement (admin); 409 once sent or cancelled',
        description: 'A new `send_at` schedules it (again), also a missed one.',
        params: RowIdParams,
        body: AnnouncementUpdate,
        response: { 200: Announcement, ...errors, ...conflict },
      },
    },
    async (request) => service.updateAnnouncement(deps, Number(request.params.id), request.body),
  );

  app.post(
    `${BASE}/:id/cancel/`,
    {
      config: admin,
      schema: {
        tags,
        summary: 'Cancel a scheduled or missed announcement (admin): it is never sent',
        params: RowIdParams,
        response: { 200: Announcement, ...errors, ...conflict },
      },
    },
    async (request) => service.cancelAnnouncement(deps, Number(request.params.id)),
  );

  app.post(
    `${BASE}/:id/send/`,
    {
      config: admin,
      schema: {
        tags,
        summary: 'Send a scheduled or missed announcement now (admin); notifies every other user once',
        params: RowIdParams,
        response: { 200: AnnouncementSent, ...errors, ...conflict },
      },
    },
    async (request) => service.sendAnnouncementNow(deps, Number(request.params.id)),
  );

  app.delete(
    `${BASE}/:id/`,
    {
      config: admin,
      schema: {
        tags,
        summary: 'Delete an announcement (admin); a scheduled one is gone without notifying anyone',
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
