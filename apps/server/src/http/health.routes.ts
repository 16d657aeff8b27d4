// Liveness (the process answers) and readiness (the database answers) for load balancers.
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { AppDeps } from '../app-deps.ts';
import { pingDatabase } from '../db/health.ts';
import { databaseUnavailableKind } from '../db/unavailable.ts';

const Status = Type.Object({ status: Type.String() });

export async function healthRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get(
    '/healthz',
    { config: { public: true }, schema: { tags: ['health'], response: { 200: Status } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    { config: { public: true }, schema: { tags: ['health'], response: { 200: Status, 503: Status } } },
    async (request, reply) => {
      try {
        await pingDatabase(deps.db);
        return { status: 'ready' };
      } catch (error) {
        const kind = databaseUnavailableKind(error);
        if (kind) deps.databaseOutage.failed(kind, error);
        else request.log.warn({ err: error }, 'readiness check failed');
        return reply.status(503).send({ status: 'database unavailable' });
      }
    },
  );
}
