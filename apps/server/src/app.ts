// Builds the HTTP application: plugins, error handling and routes. It never listens and opens
// nothing itself (the database comes in), so tests build as many apps as they like.
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppDeps } from './app-deps.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { registerAuthentication } from './auth/authenticate.ts';
import { createTokenService } from './auth/tokens.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { createInProcessEventBus, type EventBus } from './events/event-bus.ts';
import { AppError } from './http/app-error.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { healthRoutes } from './http/health.routes.ts';
import { registerNotFound } from './http/not-found.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerWebApp } from './http/web-app.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { createNotificationService } from './notifications/notifications.service.ts';
import { deriveSecret } from './secrets.ts';

export interface BuildAppOptions {
  config: Config;
  database: DatabaseHandle;
  jwtSecret: string;
  clock?: Clock;
  bus?: EventBus;
  /** Pino logger options, or false for none (tests). */
  logger?: boolean | object;
}

const BODY_LIMIT_BYTES = 64 * 1024;

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database, jwtSecret } = options;
  const clock = options.clock ?? systemClock;
  const bus = options.bus ?? createInProcessEventBus();
  const deps: AppDeps = {
    config,
    db: database.db,
    dbKind: database.kind,
    clock,
    bus,
    tokens: createTokenService(
      jwtSecret,
      { access: config.accessTokenTtlSeconds, refresh: config.refreshTokenTtlSeconds },
      clock,
    ),
    csrfSecret: deriveSecret(jwtSecret, 'csrf'),
    notifications: createNotificationService({ bus, clock }),
  };

  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true },
    // Reject unknown body fields instead of silently dropping them; coerce query strings.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });

  registerErrorHandler(app);
  registerNotFound(app);
  await app.register(helmet, { contentSecurityPolicy: false });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'rate_limited',
        `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
      ),
  });
  await registerOpenApi(app);
  await app.register(healthRoutes, deps);

  // Everything under /api requires a signed-in user unless a route says it is public.
  await app.register(async (api) => {
    registerAuthentication(api, { db: deps.db, tokens: deps.tokens, csrfSecret: deps.csrfSecret, clock });
    await api.register(authRoutes, deps);
    await api.register(notificationRoutes, deps);
  });

  await registerWebApp(app, config.webDist);
  return app;
}
