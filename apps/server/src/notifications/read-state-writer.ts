// Marking read, one notification or all of a user's: the most frequent write. Concurrent requests
// are written together (db/write-batcher.ts), so a burst of clicks costs a few statements and
// commits instead of one each.
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { createWriteBatcher } from '../db/write-batcher.ts';
import * as repo from './read-state.repository.ts';

export interface ReadStateWriter {
  /** The changed row, or undefined when the notification is not the user's (or does not exist). */
  setRead(change: repo.ReadStateChange): Promise<repo.ChangedRow | undefined>;
  /** How many of the user's notifications it marked, and the change's state version (0: none). */
  markAllRead(userId: number): Promise<{ marked: number; version: number }>;
}

/**
 * Writes the changes; a row made unread that a read mark covers first has its user's marks settled,
 * in the same transaction, so that the mark no longer reads it as read.
 */
async function writeReadStates(db: Db, changes: readonly repo.ReadStateChange[], now: Date) {
  const toUnread = changes.filter((change) => !change.read);
  if (toUnread.length === 0) return repo.setReadStates(db, changes, now);
  return inTransaction(db, async (tx) => {
    await repo.settleMarksCovering(tx.db, toUnread);
    return repo.setReadStates(tx.db, changes, now);
  });
}

export function createReadStateWriter(db: Db, clock: Clock): ReadStateWriter {
  const readStates = createWriteBatcher({
    key: (change: repo.ReadStateChange) => change.id,
    async write(changes) {
      const rows = await writeReadStates(db, changes, clock.now());
      const byId = new Map(rows.map((row) => [row.id, row]));
      return changes.map((change) => byId.get(change.id));
    },
  });
  const allRead = createWriteBatcher({
    // Two batches in flight, as for mark-read. When each user's rows were rewritten, four did
    // better (PostgreSQL worked on some while the server answered others); a read mark costs
    // PostgreSQL a fraction of that, and fewer, larger batches cost it less per user: on the
    // bench's mark_all_read load, two served more requests than four, with one process and with
    // WORKERS=2 (the figures: see the commit that made it two).
    key: (userId: number) => userId,
    async write(userIds) {
      const marked = await repo.markAllReadFor(db, userIds, clock.now());
      return userIds.map((userId) => marked.get(userId) ?? { marked: 0, version: 0 });
    },
  });
  return {
    setRead: (change) => readStates.submit(change),
    markAllRead: (userId) => allRead.submit(userId),
  };
}
