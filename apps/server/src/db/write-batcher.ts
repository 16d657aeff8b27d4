// Many small writes as one statement. Under load, marking notifications read costs one UPDATE and
// one commit (a wait for the disk) per request; here the requests that arrive while earlier ones
// are being written are sent together, so a thousand clicks make a few statements and commits.
// A batch leaves at the end of the event loop's turn in which its first input arrived (setImmediate):
// a lone request waits for no timer, and the requests read from the sockets in the same turn go
// together. That matters most on the embedded database, whose queries run synchronously: while one
// runs no request is read, so without waiting for the turn's end every batch would hold one input.
//
// Writes with the same key (the same notification, the same user) never share a batch and never
// overtake each other: a later one waits until the earlier one is done.

export interface WriteBatcherOptions<I, O> {
  /** Writes a batch; returns one result per input, in order (undefined: nothing to write). */
  write(inputs: I[]): Promise<O[]>;
  /** Inputs with the same key are written one after another, in submission order. */
  key(input: I): string | number;
  /** Most inputs per statement. */
  maxBatch?: number;
  /** Most batches being written at once (each takes one database connection). */
  concurrency?: number;
}

interface Pending<I, O> {
  input: I;
  key: string | number;
  resolve(output: O): void;
  reject(error: unknown): void;
}

export interface WriteBatcher<I, O> {
  submit(input: I): Promise<O>;
}

export function createWriteBatcher<I, O>(options: WriteBatcherOptions<I, O>): WriteBatcher<I, O> {
  const maxBatch = options.maxBatch ?? 500;
  const concurrency = options.concurrency ?? 2;
  let waiting: Pending<I, O>[] = [];
  const keysInFlight = new Set<string | number>();
  let inFlight = 0;
  let pumpScheduled = false;

  /** Takes the waiting inputs that may go now; the others keep their place. */
  function takeBatch(): Pending<I, O>[] {
    const batch: Pending<I, O>[] = [];
    const rest: Pending<I, O>[] = [];
    const keys = new Set<string | number>();
    for (const pending of waiting) {
      if (batch.length < maxBatch && !keysInFlight.has(pending.key) && !keys.has(pending.key)) {
        keys.add(pending.key);
        batch.push(pending);
      } else rest.push(pending);
    }
    waiting = rest;
    return batch;
  }

  function pump(): void {
    while (inFlight < concurrency && waiting.length > 0) {
      const batch = takeBatch();
      if (batch.length === 0) return;
      inFlight += 1;
      for (const pending of batch) keysInFlight.add(pending.key);
      void run(batch);
    }
  }

  function pumpAtEndOfTurn(): void {
    if (pumpScheduled) return;
    pumpScheduled = true;
    setImmediate(() => {
      pumpScheduled = false;
      pump();
    });
  }

  async function run(batch: Pending<I, O>[]): Promise<void> {
    try {
      const outputs = await options.write(batch.map((p) => p.input));
      for (const [i, pending] of batch.entries()) pending.resolve(outputs[i] as O);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    } finally {
      inFlight -= 1;
      for (const pending of batch) keysInFlight.delete(pending.key);
      pump();
    }
  }

  return {
    submit(input) {
      return new Promise<O>((resolve, reject) => {
        waiting.push({ input, key: options.key(input), resolve, reject });
        pumpAtEndOfTurn();
      });
    },
  };
}
