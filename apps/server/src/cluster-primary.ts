// The primary of WORKERS=N: forks the server processes that share the port, replaces one that
// crashes, and stops them all on SIGTERM/SIGINT. It loads nothing of the app itself (no Fastify,
// no database driver), so it holds much less memory than a server process (docs/deployment.md).
import cluster from 'node:cluster';
import type { Config } from './config.ts';

const SEMI_SPACE = /^--max-semi-space-size=(\d+)$/;

/**
 * The Node options of each worker: the primary's, with the young generation (`npm start` gives
 * `--max-semi-space-size`) shared out among the workers. Each worker sees 1/N of the requests,
 * so 1/N of the allocations: with 1/N of the space it collects as often per request as one
 * process does with all of it, and N workers hold one process's worth of young objects, not N.
 */
export function workerExecArgv(execArgv: readonly string[], workers: number): string[] {
  return execArgv.map((option) => {
    const megabytes = SEMI_SPACE.exec(option)?.[1];
    if (!megabytes) return option;
    return `--max-semi-space-size=${Math.max(1, Math.floor(Number(megabytes) / workers))}`;
  });
}

/**
 * What each worker's environment adds to the primary's. glibc's malloc gives each thread that
 * contends for it an arena of its own, up to eight per core, and keeps what is freed in them; a
 * worker runs JavaScript on one thread, so a second arena is all its helper threads need: less
 * memory held for the same throughput (docs/deployment.md; the figures: see the commit that added
 * it). An operator's own MALLOC_ARENA_MAX is kept.
 */
export function workerEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return env.MALLOC_ARENA_MAX === undefined ? { MALLOC_ARENA_MAX: '2' } : {};
}

export async function runPrimary(config: Config): Promise<void> {
  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv, config.workers) });
  // Before any worker exists, so that a taken metrics port stops the start with nothing left running.
  if (config.metrics.token !== undefined || config.metrics.port !== undefined) await serveMetrics(config);
  let stopping = false;
  // Workers that have listened; one that dies before (port taken, database gone) would die again.
  const listened = new Set<number>();
  cluster.on('listening', (worker) => listened.add(worker.id));
  const fork = () => cluster.fork(workerEnv(process.env));
  for (let i = 0; i < config.workers; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    // Stop instead of restarting it forever. Exit code 1 follows the worker's own line saying
    // why; any other end would go unexplained.
    if (!listened.has(worker.id)) {
      if (code !== 1)
        console.error(`worker ${worker.id} exited (${signal ?? code}) during start-up; stopping`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    console.error(`worker ${worker.id} exited (${signal ?? code}); starting another`);
    setTimeout(fork, 1000);
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    // Each worker bounds its own stop by SHUTDOWN_TIMEOUT; one that hangs past that is killed.
    setTimeout(
      () => {
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
        console.error('workers still running after the shutdown grace period: killed');
        process.exit(1);
      },
      (config.shutdownTimeoutSeconds + 5) * 1000,
    ).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** The workers' metrics added up: for the workers that are asked for /metrics, and on METRICS_PORT. */
async function serveMetrics(config: Config): Promise<void> {
  // Loaded only when metrics are on: the primary stays small otherwise.
  const { servePrimaryMetrics } = await import('./metrics/scrape.ts');
  const scrape = servePrimaryMetrics();
  if (config.metrics.port === undefined) return;
  const { listenForMetrics } = await import('./metrics/metrics-server.ts');
  await listenForMetrics(config.metrics.port, config.metrics.host, scrape);
  console.log(`metrics of all workers on http://${config.metrics.host}:${config.metrics.port}/metrics`);
}
