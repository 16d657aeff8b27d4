import { describe, expect, it } from 'vitest';
import { workerExecArgv } from './cluster-primary.ts';

describe('workerExecArgv', () => {
  it("shares the primary's young generation out among the workers, keeping the other options", () => {
    const primary = ['--enable-source-maps', '--max-semi-space-size=8', '--heap-growing-percent=50'];
    expect(workerExecArgv(primary, 2)).toEqual([
      '--enable-source-maps',
      '--max-semi-space-size=4',
      '--heap-growing-percent=50',
    ]);
    expect(workerExecArgv(primary, 1)).toEqual(primary);
  });

  it('never goes below 1 MB, and leaves V8 its default when no size was given', () => {
    expect(workerExecArgv(['--max-semi-space-size=8'], 16)).toEqual(['--max-semi-space-size=1']);
    expect(workerExecArgv(['--enable-source-maps'], 4)).toEqual(['--enable-source-maps']);
  });
});
