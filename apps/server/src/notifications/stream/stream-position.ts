// Where a client of the live stream stands, sent as the SSE id of each `notification` event and
// given back as Last-Event-ID on reconnect: every notification of the user up to `complete`, plus
// the ids above it that it was sent. A notification's id is given at insert, not at commit, so a
// row below the newest one sent may still appear (a long transaction commits after a quick one):
// the newest id alone could not say whether the client has it. Written `C` or `C.a.b.c`.

export interface StreamPosition {
  /** The client has every notification of its user with an id up to this one. */
  complete: number;
  /** Ids above `complete` that the client has, ascending. */
  sent: number[];
}

/** The most ids above `complete` a position carries; the stream moves `complete` up long before. */
export const MAX_POSITION_IDS = 64;

/** What a Last-Event-ID may look like (a plain notification id is a position with no ids above). */
export const POSITION_PATTERN = `^\\d{1,16}(\\.\\d{1,16}){0,${MAX_POSITION_IDS}}$`;
const POSITION = new RegExp(POSITION_PATTERN);

export function parsePosition(raw: string): StreamPosition | undefined {
  if (!POSITION.test(raw)) return undefined;
  const [complete = 0, ...above] = raw.split('.').map(Number);
  const sent = [...new Set(above.filter((id) => id > complete))].sort((a, b) => a - b);
  return { complete, sent };
}

/** The position `complete` plus the newest ids of `sent` (any order); older ones drop off. */
export function formatPosition(complete: number, sent: Iterable<number>): string {
  const above = [...sent].filter((id) => id > complete).sort((a, b) => a - b);
  if (above.length === 0) return String(complete);
  return `${complete}.${above.slice(-MAX_POSITION_IDS).join('.')}`;
}
