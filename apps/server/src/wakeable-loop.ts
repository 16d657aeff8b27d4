// A background job woken on demand (the fan-out job, the delivery worker): one run at a time, and a
// wake that arrives during a run makes it run once more when it ends, so work queued meanwhile is
// never left waiting for the next wake.

export interface WakeableLoop {
  /** Runs the job now, or once more after the current run. */
  wake(): void;
  /** Resolves when no run is going or asked for (tests, shutdown). */
  idle(): Promise<void>;
  /** No new run starts; resolves when the current one has ended. */
  stop(): Promise<void>;
}

/**
 * `runOnce` does the work there is, checking `isStopped()` between its steps; `onError` hears a run
 * that threw (the job runs again at its next wake).
 */
export function createWakeableLoop(
  runOnce: (isStopped: () => boolean) => Promise<void>,
  onError: (error: unknown) => void,
): WakeableLoop {
  let running: Promise<void> | undefined;
  let wakeAgain = false;
  let stopped = false;
  const isStopped = () => stopped;

  async function drain(): Promise<void> {
    do {
      wakeAgain = false;
      await runOnce(isStopped);
    } while (wakeAgain && !stopped);
  }

  return {
    wake() {
      if (stopped) return;
      if (running) {
        wakeAgain = true;
        return;
      }
      running = drain()
        .catch(onError)
        .finally(() => {
          running = undefined;
        });
    },
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}
