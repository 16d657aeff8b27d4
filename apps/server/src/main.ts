// Starts the server: configuration, database, app, listen; and stops it cleanly on SIGTERM/SIGINT
// (in-flight requests finish, the database closes, exit code 0). With WORKERS=N (PostgreSQL only)
// a primary process migrates once and runs N server processes sharing the port.
import cluster from 'node:cluster';
import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { resolveJwtSecret } from './secrets.ts';
import { seedDemoIfEmpty } from './seed/demo.ts';
import { openMigratedDatabase } from './server-runtime.ts';

async function runServer(config: Config): Promise<void> {
  const database = await openMigratedDatabase(config);
  const jwtSecret = resolveJwtSecret(config);
  const app = await buildApp({ config, database, jwtSecret });

  if (config.seedDemo && cluster.isPrimary) {
    const seeded = await seedDemoIfEmpty(database.db);
    if (seeded)
      app.log.info('first start: seeded the demo users and notifications (see README for passwords)');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const where = database.kind === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  const who = cluster.isWorker ? ` (worker ${cluster.worker?.id})` : '';
  await app.listen({
    port: config.port,
    host: config.host,
    listenTextResolver: (address) => {
      const url = new URL(address);
      if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = 'localhost';
      return `Webinar notifications listening on ${url.origin} (${where})${who}`;
    },
  });
}

/** The primary of WORKERS=N: migrates once, forks the workers, replaces one that crashes. */
async function runPrimary(config: Config): Promise<void> {
  const database = await openMigratedDatabase(config);
  await database.close();
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

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.workers > 1 && cluster.isPrimary) await runPrimary(config);
  else await runServer(config);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error('The server could not start:', error);
  }
  process.exit(1);
});
