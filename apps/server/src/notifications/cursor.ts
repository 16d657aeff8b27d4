// Keyset cursors for "newest first": the (created_at, id) of the last row on a page, opaque to
// clients. A cursor that does not decode is a 400, never a silently wrong page.
import { AppError } from '../app-error.ts';

export interface CursorPosition {
  createdAt: Date;
  id: number;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(`${position.createdAt.getTime()}:${position.id}`).toString('base64url');
}

/** Past the year 9999 a time has no ISO 8601 form the database reads: a 400, not a 500. */
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function decodeCursor(cursor: string): CursorPosition {
  const match = /^(\d{1,15}):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  const createdAt = match && new Date(Number(match[1]));
  const id = match && Number(match[2]);
  if (
    !match ||
    !createdAt ||
    Number.isNaN(createdAt.getTime()) ||
    createdAt.getTime() > LATEST ||
    !id ||
    !Number.isSafeInteger(id) ||
    // Node's base64 decoder skips what it cannot read, so "<cursor>!!" would decode too: only
    // the exact text encodeCursor makes is a cursor.
    encodeCursor({ createdAt, id }) !== cursor
  ) {
    throw new AppError('validation_error', 'The request is invalid.', { cursor: 'is not a valid cursor' });
  }
  return { createdAt, id };
}
