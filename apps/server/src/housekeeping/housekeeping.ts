// Deletes what has run out, so that tables growing with use stay small: browser sessions past
// their expiry, and Idempotency-Keys older than the time a client may retry with them. Every
// process runs it; deleting what another process already deleted does nothing.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { deleteExpiredSessions } from '../auth/sessions.repository.ts';
import type { Db } from '../db/database.ts';
import { deleteKeysCreatedBefore } from '../idempotency/idempotency.repository.ts';
import { registerPeriodicTask } from '../periodic-task.ts';

/** A retry with the same Idempotency-Key is recognised for this long (as Stripe does). */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 3_600_000;
const HOUSEKEEPING_INTERVAL_MS = 3_600_000;

export async function deleteExpired(
  db: Db,
  now: Date,
): Promise<{ sessions: number; idempotencyKeys: number }> {
  return {
    sessions: await deleteExpiredSessions(db, now),
    idempotencyKeys: await deleteKeysCreatedBefore(db, new Date(now.getTime() - IDEMPOTENCY_KEY_LIFETIME_MS)),
  };
}

export function registerHousekeeping(app: FastifyInstance, deps: Pick<AppDeps, 'db' | 'clock'>): void {
  registerPeriodicTask(app, {
    name: 'housekeeping',
    intervalMs: HOUSEKEEPING_INTERVAL_MS,
    run: async () => {
      const deleted = await deleteExpired(deps.db, deps.clock.now());
      if (deleted.sessions + deleted.idempotencyKeys > 0)
        app.log.info(deleted, 'deleted expired sessions and Idempotency-Keys');
    },
  });
}
