// Serves the built web app from one port with the API. Paths outside /api that match no file get
// index.html, so the browser's router handles deep links. Without a build, / says where the API is.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const NO_BUILD_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Webinar notifications</title></head>
<body><h1>Webinar notifications</h1><p>The server is running. The API is described at
<a href="/api/docs/">/api/docs/</a> (OpenAPI: <a href="/api/openapi.json">/api/openapi.json</a>).</p></body></html>`;

export async function registerWebApp(app: FastifyInstance, webDist: string): Promise<void> {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html').send(NO_BUILD_PAGE),
    );
    return;
  }
  await app.register(fastifyStatic, { root: webDist, wildcard: false, index: 'index.html' });
  app.get('/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) return reply.callNotFound();
    const file = request.url.split('?')[0]?.slice(1) ?? '';
    if (file && fs.existsSync(path.join(webDist, file)) && !file.includes('..')) return reply.sendFile(file);
    return reply.sendFile('index.html');
  });
}
