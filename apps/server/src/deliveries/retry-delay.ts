// How long a delivery waits before its next try after a temporary failure: doubling from 30 s up
// to an hour, with jitter, so that many deliveries refused at once by a busy server do not all
// come back at the same moment.
const FIRST_DELAY_MS = 30_000;
const LONGEST_DELAY_MS = 60 * 60_000;

/** The wait after try number `attempt` (1 for the first) failed. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  // "Equal jitter": at least half the ceiling, so the backoff still grows.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
