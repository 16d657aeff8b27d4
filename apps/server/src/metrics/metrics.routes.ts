// GET /metrics on the main port, for a scraper holding METRICS_TOKEN (Authorization: Bearer).
// Without the token configured the route does not exist; a wrong or missing token is a 401 that
// says nothing more.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../app-error.ts';
import { contentType } from './scrape.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

export async function metricsRoutes(
  app: FastifyInstance,
  options: { token: string; scrape: () => Promise<string> },
): Promise<void> {
  const expected = digest(options.token);
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    // Digests of equal length, so the comparison takes the same time whatever was sent.
    if (!timingSafeEqual(digest(given), expected)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw AppError.unauthorized('A valid metrics token is required.');
    }
    reply.header('content-type', contentType).header('cache-control', 'no-store');
    return options.scrape();
  });
}
