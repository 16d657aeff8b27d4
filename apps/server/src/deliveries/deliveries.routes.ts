// /api/admin/deliveries/: the log of what the channels carried (admins only; 403 otherwise).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  Delivery,
  DeliveryPage,
  DeliveryPreview,
  DeliveryQuery,
  ErrorBody,
  IdParams,
} from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import * as service from './deliveries.service.ts';

const BASE = '/api/admin/deliveries';
const tags = ['admin'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export async function deliveryRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const config = { roles: ['admin'] as const };

  app.get(
    `${BASE}/`,
    {
      config,
      schema: {
        tags,
        summary: 'Deliveries, newest first: filter by channel, status, type, user and creation date',
        querystring: DeliveryQuery,
        response: { 200: DeliveryPage, ...errors },
      },
    },
    async (request) => service.search(deps, request.query),
  );

  app.get(
    `${BASE}/:id/`,
    {
      config,
      schema: { tags, summary: 'One delivery', params: IdParams, response: { 200: Delivery, ...errors } },
    },
    async (request) => service.get(deps, Number(request.params.id)),
  );

  app.get(
    `${BASE}/:id/preview/`,
    {
      config,
      schema: {
        tags,
        summary: 'The message a delivery carries (or carried), rendered: subject, HTML, text, attachments',
        description: "For a digest's member, the digest message. 409 when its notification was deleted.",
        params: IdParams,
        response: { 200: DeliveryPreview, 409: ErrorBody, ...errors },
      },
    },
    async (request) => service.preview(deps, Number(request.params.id)),
  );

  app.post(
    `${BASE}/:id/retry/`,
    {
      config,
      schema: {
        tags,
        summary: 'Queue a failed or skipped delivery again, due now (409 for any other status)',
        params: IdParams,
        response: { 200: Delivery, 409: ErrorBody, ...errors },
      },
    },
    async (request) => service.retry(deps, Number(request.params.id)),
  );
}
