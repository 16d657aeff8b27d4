// The signed-in user's browsers that receive push notifications: /api/auth/me/push/...
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  PushPublicKey,
  PushSubscription,
  PushSubscriptionInput,
  PushSubscriptionList,
  RowIdParams,
} from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { AppDeps } from '../app-deps.ts';
import { currentUser } from '../auth/authenticate.ts';
import * as service from './push-subscriptions.service.ts';

const tags = ['push'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
const SUBSCRIPTIONS = '/api/auth/me/push/subscriptions/';

export async function pushSubscriptionRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/auth/me/push/public-key/',
    {
      schema: {
        tags,
        summary: "The server's VAPID public key, to subscribe a browser with",
        description: '`public_key` is null when push is not configured on this server.',
        response: { 200: PushPublicKey, ...errors },
      },
    },
    async () => service.publicKey(deps),
  );

  app.get(
    SUBSCRIPTIONS,
    {
      schema: {
        tags,
        summary: 'My browsers that receive push notifications',
        response: { 200: PushSubscriptionList, ...errors },
      },
    },
    async (request) => service.list(deps, currentUser(request).userId),
  );

  app.post(
    SUBSCRIPTIONS,
    {
      schema: {
        tags,
        summary: "Turn push on for this browser (its PushSubscription's JSON)",
        description:
          'Idempotent on the endpoint: 201 when new, 200 when it was known (its keys are updated, and a ' +
          "browser another user had subscribed becomes this user's). The endpoint must be https. " +
          '409 when push is not configured.',
        body: PushSubscriptionInput,
        response: { 200: PushSubscription, 201: PushSubscription, ...errors, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const { subscription, created } = await service.subscribe(
        deps,
        currentUser(request).userId,
        request.body,
        request.headers['user-agent'],
      );
      return reply.status(created ? 201 : 200).send(subscription);
    },
  );

  app.delete(
    `${SUBSCRIPTIONS}:id/`,
    {
      schema: {
        tags,
        summary: 'Turn push off for one of my browsers',
        params: RowIdParams,
        response: { 204: Type.Null(), ...errors, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      await service.unsubscribe(deps, currentUser(request).userId, Number(request.params.id));
      return reply.status(204).send(null);
    },
  );
}
