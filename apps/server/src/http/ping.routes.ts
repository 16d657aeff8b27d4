// GET /api/ping/: answers {} to a signed-in user and does nothing else. Clients use it to check a
// token; the benchmark uses it as the framework's ceiling (same auth, no database).

import { ErrorBody } from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';

export async function pingRoutes(app: FastifyInstance) {
  app.get(
    '/api/ping/',
    {
      schema: {
        tags: ['health'],
        summary: 'Check the credentials: {} when signed in, 401 otherwise',
        response: { 200: Type.Object({}), 401: ErrorBody },
      },
    },
    async () => ({}),
  );
}
