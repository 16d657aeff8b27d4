// Time comes from here, so tests can move it (token expiry, reminders) without sleeping.
export interface Clock {
  now(): Date;
  /** Runs `callback` once, when the clock reaches `time`; returns the function that cancels it. */
  at(time: Date, callback: () => void): () => void;
}

/** setTimeout's longest delay (about 24.8 days); a later time is reached in several steps. */
const LONGEST_DELAY_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => new Date(),
  at(time, callback) {
    // Never (an infinite or invalid time): NaN delays would make setTimeout fire at once, forever.
    if (!Number.isFinite(time.getTime())) return () => {};
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      const delay = time.getTime() - Date.now();
      if (delay <= 0) {
        callback();
        return;
      }
      // Unref'd: a pending deadline never keeps the process alive.
      timer = setTimeout(arm, Math.min(delay, LONGEST_DELAY_MS)).unref();
    };
    timer = setTimeout(arm, Math.max(0, Math.min(time.getTime() - Date.now(), LONGEST_DELAY_MS))).unref();
    return () => clearTimeout(timer);
  },
};
