// Reads a request's Idempotency-Key and fingerprints what the request asks: its method, its route,
// its path params and its body as canonical JSON (keys sorted), so that the same request sent
// again matches whatever order its client wrote the keys in.
import { createHash } from 'node:crypto';
import { IDEMPOTENCY_KEY_HEADER } from '@webinar/contracts';
import type { FastifyRequest } from 'fastify';
import { currentUser } from '../auth/authenticate.ts';
import type { IdempotentRequest } from './idempotency.service.ts';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The request's key and fingerprint, or undefined when it sent no Idempotency-Key. */
export function idempotentRequest(request: FastifyRequest): IdempotentRequest | undefined {
  const key = request.headers[IDEMPOTENCY_KEY_HEADER];
  if (typeof key !== 'string') return undefined;
  const asked = JSON.stringify([
    request.method,
    request.routeOptions.url,
    canonical(request.params ?? {}),
    canonical(request.body ?? null),
  ]);
  return {
    userId: currentUser(request).userId,
    key,
    fingerprint: createHash('sha256').update(asked).digest('hex'),
  };
}
