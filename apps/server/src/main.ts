// Starts the server: configuration, database, app, listen; and stops it cleanly on SIGTERM/SIGINT
// (in-flight requests finish, the database closes, exit code 0).
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { resolveJwtSecret } from './secrets.ts';
import { seedDemoIfEmpty } from './seed/demo.ts';
import { openMigratedDatabase } from './server-runtime.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openMigratedDatabase(config);
  const jwtSecret = resolveJwtSecret(config);
  const app = await buildApp({ config, database, jwtSecret });

  if (config.seedDemo) {
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
  await app.listen({
    port: config.port,
    host: config.host,
    listenTextResolver: (address) => {
      const url = new URL(address);
      if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = 'localhost';
      return `Webinar notifications listening on ${url.origin} (${where})`;
    },
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error('The server could not start:', error);
  }
  process.exit(1);
});
