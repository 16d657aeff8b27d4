// Starts the server. One process by default; with WORKERS=N (PostgreSQL only) this process becomes
// the primary that runs N server processes sharing the port. Each role imports only its own code:
// the primary never loads the app.
import cluster from 'node:cluster';
import { loadConfig, METRICS_ADDRESS } from './config.ts';
import { checkPortAvailable } from './http/port-check.ts';
import { reportFatal } from './operator-error.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  // Before anything slow: opening the database, and seeding it on a first start, takes seconds.
  if (cluster.isPrimary) {
    await checkPortAvailable(config.port, config.host);
    if (config.metrics.port !== undefined)
      await checkPortAvailable(config.metrics.port, config.metrics.host, METRICS_ADDRESS);
  }
  if (config.workers > 1 && cluster.isPrimary) {
    const { runPrimary } = await import('./cluster-primary.ts');
    await runPrimary(config);
  } else {
    const { runServer } = await import('./server-process.ts');
    await runServer(config);
  }
}

main().catch((error: unknown) => {
  reportFatal('The server could not start: ', error);
  process.exit(1);
});
