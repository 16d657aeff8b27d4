// A transaction plus the work to do once it has committed (publishing live events). Services that
// change data take a Tx, so "the action and its notifications commit together" is visible where
// the transaction starts, and nothing is announced for work that rolled back.
import type { Transaction } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

export interface Tx {
  db: Transaction<Database>;
  afterCommit(callback: () => void): void;
}

export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const callbacks: Array<() => void> = [];
  const result = await db
    .transaction()
    .execute((trx) => work({ db: trx, afterCommit: (callback) => callbacks.push(callback) }));
  for (const callback of callbacks) callback();
  return result;
}
