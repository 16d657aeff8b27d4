// Idempotency keys for create requests a user may send twice (a lost answer, a second click): the
// form keeps one key until its request succeeds, so a retry cannot announce or send twice.
// crypto.getRandomValues works on plain http too, where crypto.randomUUID is missing.
import { IDEMPOTENCY_KEY_HEADER } from '@webinar/contracts';

export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function idempotencyHeaders(requestKey: string): Record<string, string> {
  return { [IDEMPOTENCY_KEY_HEADER]: requestKey };
}
