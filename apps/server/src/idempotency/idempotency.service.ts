// Idempotency-Keys for the creates a client may have to retry (an announcement, an admin's send, a
// webinar reminder): the first request with a key runs and its answer is kept with the key, in the
// action's own transaction; a repeat of the same request gets that answer again and runs nothing;
// the same key on a different request is refused (422), as the IETF idempotency-key draft says.

import { AppError } from '../app-error.ts';
import type { Db } from '../db/database.ts';
import { inTransaction, type Tx } from '../db/transaction.ts';
import * as repo from './idempotency.repository.ts';

/** A request that came with an Idempotency-Key (see request-fingerprint.ts). */
export interface IdempotentRequest extends repo.KeyOwner {
  /** What was asked: the same key with another fingerprint is another request. */
  fingerprint: string;
}

/**
 * Runs `action` in a transaction, once per key: returns its result, or the first result for a
 * repeat (`replayed`). Without a request key it simply runs. The result must be plain JSON.
 */
export async function runOnce<T>(
  db: Db,
  request: IdempotentRequest | undefined,
  action: (tx: Tx) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  return inTransaction(db, async (tx) => {
    if (request && !(await repo.claimKey(tx.db, request, request.fingerprint))) {
      const first = await repo.findKey(tx.db, request);
      if (first.fingerprint !== request.fingerprint) {
        throw new AppError(
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different request: send a new key.',
        );
      }
      return { result: first.response as T, replayed: true };
    }
    const result = await action(tx);
    if (request) await repo.saveResponse(tx.db, request, result);
    return { result, replayed: false };
  });
}
