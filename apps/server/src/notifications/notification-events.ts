// The live event that says a batch of notifications was created, for both writers of batches: the
// service (a batch inserted inline) and the fan-out job (each chunk of a queued one). Listeners
// (the streams, the caches) get one shape, and only once the rows are committed.
import type { NotificationType } from '@webinar/contracts';
import type { Tx } from '../db/transaction.ts';
import type { EventBus } from '../events/event-bus.ts';
import { type BulkInsertResult, nextStateVersion } from './notifications.repository.ts';

export interface CreatedBatch {
  eventId: number;
  type: NotificationType;
  inserted: BulkInsertResult;
  /** The recipients, when few enough to name; null makes listeners look them up. */
  userIds: number[] | null;
}

/** Gives the batch its state version and publishes `notifications_created` after `tx` commits. */
export async function publishCreatedAfterCommit(tx: Tx, bus: EventBus, batch: CreatedBatch): Promise<void> {
  const { count, firstId, lastId } = batch.inserted;
  // An empty batch (everyone muted it) changed nobody's notifications.
  if (count === 0 || firstId === null || lastId === null) return;
  const version = await nextStateVersion(tx.db);
  tx.afterCommit(() =>
    bus.publish({
      name: 'notifications_created',
      payload: {
        eventId: batch.eventId,
        type: batch.type,
        count,
        firstId,
        lastId,
        userIds: batch.userIds,
        version,
      },
    }),
  );
}
