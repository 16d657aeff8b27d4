// One server process: configuration, database, app, listen; and a clean stop on SIGTERM/SIGINT
// (in-flight requests finish, the database closes, exit code 0), bounded by SHUTDOWN_TIMEOUT: a
// request still running then has its connection cut and the process exits with code 1. A failure
// to start closes what it opened (the embedded database's lock included) and is printed by
// main.ts. Under WORKERS=N each worker runs this; the pending migrations run in whichever worker
// comes first (Kysely's migrator holds a PostgreSQL advisory lock, so the others wait and then
// find nothing to do).
import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { describeListenError } from './http/port-check.ts';
import { resolveJwtSecret } from './secrets.ts';
import { seedDemoIfEmpty } from './seed/demo.ts';
import { openMigratedDatabase } from './server-runtime.ts';

export async function runServer(config: Config): Promise<void> {
  const database = await openMigratedDatabase(config);
  let app: FastifyInstance;
  try {
    app = await startApp(config, database);
  } catch (error) {
    await database.close();
    throw error;
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal, graceSeconds: config.shutdownTimeoutSeconds }, 'shutting down');
    setTimeout(() => {
      app.log.error(
        { graceSeconds: config.shutdownTimeoutSeconds },
        'requests still running after the shutdown grace period: closing their connections',
      );
      app.server.closeAllConnections();
      process.exit(1);
    }, config.shutdownTimeoutSeconds * 1000);
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
}

async function startApp(config: Config, database: DatabaseHandle): Promise<FastifyInstance> {
  const jwtSecret = resolveJwtSecret(config);
  const app = await buildApp({ config, database, jwtSecret });
  try {
    // Every process may try: the seed runs once, under a lock, and only into an empty database.
    if (config.seedDemo && (await seedDemoIfEmpty(database.db))) {
      app.log.info('first start: seeded the demo users and notifications (see README for passwords)');
    }
    const where = database.kind === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
    const who = cluster.isWorker ? ` (worker ${cluster.worker?.id})` : '';
    await app
      .listen({
        port: config.port,
        host: config.host,
        listenTextResolver: (address) => {
          const url = new URL(address);
          if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = 'localhost';
          return `Webinar notifications listening on ${url.origin} (${where})${who}`;
        },
      })
      .catch((error: unknown) => {
        throw describeListenError(error, config.port, config.host);
      });
    return app;
  } catch (error) {
    await app.close();
    throw error;
  }
}
