// Starts the server. One process by default; with WORKERS=N (PostgreSQL only) this process becomes
// the primary that runs N server processes sharing the port. Each role imports only its own code:
// the primary never loads the app.
import cluster from 'node:cluster';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.workers > 1 && cluster.isPrimary) {
    const { runPrimary } = await import('./cluster-primary.ts');
    runPrimary(config);
  } else {
    const { runServer } = await import('./server-process.ts');
    await runServer(config);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error('The server could not start:', error);
  }
  process.exit(1);
});
