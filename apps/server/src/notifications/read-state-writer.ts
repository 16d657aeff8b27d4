// Marking read, one notification or all of a user's: the most frequent write. Concurrent requests
// are written together (db/write-batcher.ts), so a burst of clicks costs a few statements and
// commits instead of one each.
import type { Clock } from '../clock.ts';
import { createWriteBatcher } from '../db/write-batcher.ts';
import type { Db } from '../users/users.repository.ts';
import type { NotificationWithWebinar } from './notifications.repository.ts';
import * as repo from './read-state.repository.ts';

export interface ReadStateWriter {
  /** The changed row, or undefined when the notification is not the user's (or does not exist). */
  setRead(change: repo.ReadStateChange): Promise<NotificationWithWebinar | undefined>;
  /** How many of the user's notifications it marked. */
  markAllRead(userId: number): Promise<number>;
}

export function createReadStateWriter(db: Db, clock: Clock): ReadStateWriter {
  const readStates = createWriteBatcher({
    key: (change: repo.ReadStateChange) => change.id,
    async write(changes) {
      const rows = await repo.setReadStates(db, changes, clock.now());
      const byId = new Map(rows.map((row) => [row.id, row]));
      return changes.map((change) => byId.get(change.id));
    },
  });
  const allRead = createWriteBatcher({
    // Each user is ten rows or so to rewrite. With two batches in flight the requests moved in
    // lock step (PostgreSQL busy while the server waited, then the other way round) and the
    // machine sat a third idle; with four, PostgreSQL works on some while the server answers
    // others. On the bench's mark_all_read load, 4,420-6,100 -> 5,100-6,350 req/s in four
    // interleaved pairs. Mark-read's one-row batches gained nothing from more (kept at two).
    concurrency: 4,
    key: (userId: number) => userId,
    async write(userIds) {
      const marked = await repo.markAllReadFor(db, userIds, clock.now());
      return userIds.map((userId) => marked.get(userId) ?? 0);
    },
  });
  return {
    setRead: (change) => readStates.submit(change),
    markAllRead: (userId) => allRead.submit(userId),
  };
}
