import { describe, expect, it } from 'vitest';
import { createWriteBatcher } from './write-batcher.ts';

/** A writer whose batches finish when the test says so, recording what each batch held. */
function controlledWriter() {
  const batches: number[][] = [];
  const finish: Array<() => void> = [];
  return {
    batches,
    finishNext: () => finish.shift()?.(),
    write: (inputs: number[]) =>
      new Promise<string[]>((resolve) => {
        batches.push([...inputs]);
        finish.push(() => resolve(inputs.map((n) => `done ${n}`)));
      }),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('write batcher', () => {
  it('writes a lone input in the same turn, and what arrives meanwhile as one batch', async () => {
    const writer = controlledWriter();
    const batcher = createWriteBatcher({ write: writer.write, key: (n: number) => n, concurrency: 1 });
    const first = batcher.submit(1);
    await tick();
    expect(writer.batches).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => batcher.submit(n));
    await tick();
    expect(writer.batches).toEqual([[1]]);
    writer.finishNext();
    expect(await first).toBe('done 1');
    await tick();
    expect(writer.batches).toEqual([[1], [2, 3, 4]]);
    writer.finishNext();
    expect(await Promise.all(rest)).toEqual(['done 2', 'done 3', 'done 4']);
  });

  it('never puts two inputs with the same key in one batch or in two batches at once', async () => {
    const writer = controlledWriter();
    const batcher = createWriteBatcher({ write: writer.write, key: (n: number) => n % 10, concurrency: 2 });
    const all = [1, 11, 2, 21, 3].map((n) => batcher.submit(n));
    await tick();
    // What arrived in one turn goes together, except 11 and 21: they share 1's key and wait.
    expect(writer.batches).toEqual([[1, 2, 3]]);
    all.push(batcher.submit(4));
    await tick();
    // The second slot takes 4; 11 still waits for 1.
    expect(writer.batches).toEqual([[1, 2, 3], [4]]);
    writer.finishNext();
    await tick();
    // 21 would share a batch with 11 (same key): it waits again.
    expect(writer.batches.at(-1)).toEqual([11]);
    writer.finishNext();
    writer.finishNext();
    await tick();
    expect(writer.batches.at(-1)).toEqual([21]);
    writer.finishNext();
    expect(await Promise.all(all)).toEqual(['done 1', 'done 11', 'done 2', 'done 21', 'done 3', 'done 4']);
  });

  it('caps the batch size', async () => {
    const writer = controlledWriter();
    const batcher = createWriteBatcher({
      write: writer.write,
      key: (n: number) => n,
      concurrency: 1,
      maxBatch: 2,
    });
    const all = [1, 2, 3, 4, 5].map((n) => batcher.submit(n));
    for (let i = 0; i < 3; i++) {
      await tick();
      writer.finishNext();
    }
    await Promise.all(all);
    expect(writer.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails every input of a failed batch and goes on with the next', async () => {
    let calls = 0;
    const batcher = createWriteBatcher({
      key: (n: number) => n,
      concurrency: 1,
      write: async (inputs: number[]) => {
        calls += 1;
        if (calls === 1) throw new Error('disk full');
        return inputs.map((n) => n * 2);
      },
    });
    const failed = [batcher.submit(1), batcher.submit(2)];
    await expect(failed[0]).rejects.toThrow('disk full');
    await expect(failed[1]).rejects.toThrow('disk full');
    expect(await batcher.submit(3)).toBe(6);
  });
});
