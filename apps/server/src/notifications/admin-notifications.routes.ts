// /api/admin/notifications/: the notifications admin panel's API (admins only; 403 otherwise).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AdminNotification,
  AdminNotificationCreate,
  AdminNotificationCreated,
  AdminNotificationPage,
  AdminNotificationQuery,
  AdminNotificationUpdate,
  ErrorBody,
  IdempotencyHeaders,
  IdParams,
} from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { AppDeps } from '../app-deps.ts';
import { idempotentRequest } from '../idempotency/request-fingerprint.ts';
import * as service from './admin-notifications.service.ts';

const BASE = '/api/admin/notifications';
const tags = ['admin'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export async function adminNotificationRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const config = { roles: ['admin'] as const };

  app.get(
    `${BASE}/`,
    {
      config,
      schema: {
        tags,
        summary:
          "Every user's notifications: filters, search (title, content, username), ordering, total count",
        querystring: AdminNotificationQuery,
        response: { 200: AdminNotificationPage, ...errors },
      },
    },
    async (request) => service.search(deps, request.query),
  );

  app.post(
    `${BASE}/`,
    {
      config,
      schema: {
        tags,
        summary: 'Send a notification of any type to users (user_ids), a role, or everyone',
        description:
          'With an Idempotency-Key header, a repeat of the request by the same admin creates nothing ' +
          'and answers 200 with the first answer and `replayed: true`; the same key with a different ' +
          'request is a 422.',
        headers: IdempotencyHeaders,
        body: AdminNotificationCreate,
        response: { 201: AdminNotificationCreated, 200: AdminNotificationCreated, 422: ErrorBody, ...errors },
      },
    },
    async (request, reply) => {
      const result = await service.create(deps, request.body, idempotentRequest(request));
      return reply.status(result.replayed ? 200 : 201).send(result);
    },
  );

  app.get(
    `${BASE}/:id/`,
    {
      config,
      schema: {
        tags,
        summary: 'One notification',
        params: IdParams,
        response: { 200: AdminNotification, ...errors },
      },
    },
    async (request) => service.get(deps, Number(request.params.id)),
  );

  app.patch(
    `${BASE}/:id/`,
    {
      config,
      schema: {
        tags,
        summary: 'Edit title, content, type or read state',
        params: IdParams,
        body: AdminNotificationUpdate,
        response: { 200: AdminNotification, ...errors },
      },
    },
    async (request) => service.update(deps, Number(request.params.id), request.body),
  );

  app.delete(
    `${BASE}/:id/`,
    {
      config,
      schema: {
        tags,
        summary: 'Delete a notification',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.remove(deps, Number(request.params.id));
      return reply.status(204).send(null);
    },
  );
}
