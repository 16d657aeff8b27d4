// The primary of WORKERS=N: forks the server processes that share the port, replaces one that
// crashes, and stops them all on SIGTERM/SIGINT. It loads nothing of the app itself (no Fastify,
// no database driver), so it costs ~45 MB of memory instead of ~100.
import cluster from 'node:cluster';
import type { Config } from './config.ts';

export function runPrimary(config: Config): void {
  let stopping = false;
  const startedAt = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };
  for (let i = 0; i < config.workers; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    // A worker that dies right after starting (port taken, database gone) would die again:
    // stop instead of restarting it forever.
    if (Date.now() - (startedAt.get(worker.id) ?? 0) < 10_000) {
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
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
