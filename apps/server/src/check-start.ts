// `npm start` runs this before it builds anything: a bad configuration or a taken port is reported
// in a second, in the words the server itself would use, rather than after the web app's build.
import { loadConfig, METRICS_ADDRESS } from './config.ts';
import { checkPortAvailable } from './http/port-check.ts';
import { reportFatal } from './operator-error.ts';

try {
  const config = loadConfig();
  await checkPortAvailable(config.port, config.host);
  if (config.metrics.port !== undefined)
    await checkPortAvailable(config.metrics.port, config.metrics.host, METRICS_ADDRESS);
} catch (error) {
  reportFatal('The server could not start: ', error);
  process.exitCode = 1;
}
