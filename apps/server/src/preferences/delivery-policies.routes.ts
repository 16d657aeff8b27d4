// The admins' per-type defaults of each delivery channel: /api/admin/delivery-policies/
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  DeliveryPolicy,
  DeliveryPolicyList,
  DeliveryPolicyParams,
  DeliveryPolicyUpdate,
  ErrorBody,
} from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { listDeliveryPolicies, updateDeliveryPolicy } from './delivery-policies.service.ts';

const BASE = '/api/admin/delivery-policies';
const tags = ['admin'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export async function deliveryPolicyRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const config = { roles: ['admin'] as const };

  app.get(
    `${BASE}/`,
    {
      config,
      schema: {
        tags,
        summary: 'When each notification type is emailed by default',
        response: { 200: DeliveryPolicyList, ...errors },
      },
    },
    async () => listDeliveryPolicies(deps.db),
  );

  app.put(
    `${BASE}/:type/:channel/`,
    {
      config,
      schema: {
        tags,
        summary: "Change a notification type's default on a channel",
        description:
          '`off`, `immediate`, `if_unread` (sent if still unread after `delay_minutes`) or `digest` ' +
          '(gathered over a window of `delay_minutes`); the last two need `delay_minutes` of at least 1. ' +
          "Users' own choices still win.",
        params: DeliveryPolicyParams,
        body: DeliveryPolicyUpdate,
        response: { 200: DeliveryPolicy, ...errors },
      },
    },
    async (request) =>
      updateDeliveryPolicy(deps.db, request.params.type, request.params.channel, request.body),
  );
}
