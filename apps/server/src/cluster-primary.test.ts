import { describe, expect, it } from 'vitest';
import { workerEnv, workerExecArgv } from './cluster-primary.ts';

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

describe('workerEnv', () => {
  it("bounds glibc's malloc arenas unless the operator chose a number", () => {
    expect(workerEnv({ PATH: '/usr/bin' })).toEqual({ MALLOC_ARENA_MAX: '2' });
    expect(workerEnv({ MALLOC_ARENA_MAX: '4' })).toEqual({});
  });
});
