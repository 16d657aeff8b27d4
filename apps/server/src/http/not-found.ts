// Unknown paths get a 404 in the usual error shape; a known path asked with a method it does not
// have gets a 405 with an `Allow` header, as HTTP says.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app-error.ts';

interface KnownPath {
  pattern: RegExp;
  methods: Set<string>;
}

function toPattern(url: string): RegExp {
  const escaped = url
    .replace(/\/$/, '')
    .split('/')
    .map((part) =>
      part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

function methodNotAllowed(request: FastifyRequest, reply: FastifyReply, methods: Set<string>): AppError {
  reply.header('allow', [...methods].filter((m) => m !== 'HEAD').join(', '));
  return new AppError('method_not_allowed', `Method ${request.method} is not allowed here.`);
}

export function registerNotFound(app: FastifyInstance): void {
  const known = new Map<string, KnownPath>();
  app.addHook('onRoute', (route) => {
    if (route.url.includes('*')) return; // catch-alls (the web app) say nothing about methods
    const key = route.url.replace(/\/$/, '');
    const entry = known.get(key) ?? { pattern: toPattern(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) entry.methods.add(method);
    known.set(key, entry);
  });
  // The router lets a parametric route of one method catch a static path of another: GET
  // /notifications/mark-all-read/ matches GET /notifications/:id/. That path is still
  // mark-all-read, so the answer is 405, not a validation error about the id.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.routeOptions.url?.includes(':')) return;
    const key = (request.url.split('?')[0] ?? '/').replace(/\/$/, '');
    const fixed = key.includes(':') ? undefined : known.get(key);
    if (fixed && !fixed.methods.has(request.method)) throw methodNotAllowed(request, reply, fixed.methods);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    for (const { pattern, methods } of known.values()) {
      if (pattern.test(path) && !methods.has(request.method)) throw methodNotAllowed(request, reply, methods);
    }
    throw AppError.notFound(`No route for ${request.method} ${path}.`);
  });
}
