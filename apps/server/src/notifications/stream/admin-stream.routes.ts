// GET /api/admin/streams/: how many live event streams this process holds (admins only), to see
// that a browser's tabs share one stream.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, OpenStreams } from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.ts';

export async function adminStreamRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/admin/streams/',
    {
      config: { roles: ['admin'] as const },
      schema: {
        tags: ['admin'],
        summary: 'How many live event streams are open on this process',
        description:
          'Counted by the process that answers: with several processes (WORKERS, a load balancer) ' +
          'each reports only the streams it holds.',
        response: { 200: OpenStreams, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async () => ({ open_streams: deps.streams.connectionCount }),
  );
}
