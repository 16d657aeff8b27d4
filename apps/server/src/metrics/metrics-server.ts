// METRICS_PORT: /metrics on a port of its own, for a scraper inside the private network, beside
// (not on) the public port. A bare node:http server: the primary of WORKERS=N serves it without
// loading the app.
import { createServer, type Server } from 'node:http';
import { contentType } from './scrape.ts';

export async function listenForMetrics(
  port: number,
  host: string,
  scrape: () => Promise<string>,
): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://metrics').pathname;
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: scrape GET /metrics\n');
      return;
    }
    scrape().then(
      (text) => response.writeHead(200, { 'content-type': contentType }).end(text),
      (error: unknown) =>
        response
          .writeHead(503, { 'content-type': 'text/plain' })
          .end(`metrics unavailable: ${(error as Error).message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
