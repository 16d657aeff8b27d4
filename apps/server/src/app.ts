// Builds the HTTP application: plugins, error handling and routes. It never listens and opens
// nothing itself (the database comes in), so tests build as many apps as they like.
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import type { Notification } from '@webinar/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import { createAnnouncementScheduler } from './announcements/announcement-scheduler.ts';
import { announcementRoutes } from './announcements/announcements.routes.ts';
import { registerAnnouncementScheduler } from './announcements/register-announcement-scheduler.ts';
import type { AppDeps } from './app-deps.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { registerAuthentication } from './auth/authenticate.ts';
import { createTokenService } from './auth/tokens.ts';
import { UserAuthStates } from './auth/user-auth-states.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { contactRoutes } from './contact/contact.routes.ts';
import { unsubscribeRoutes } from './contact/unsubscribe.routes.ts';
import type { DatabaseHandle } from './db/database.ts';
import { createOutageLog } from './db/unavailable.ts';
import { deliveryRoutes } from './deliveries/deliveries.routes.ts';
import { deliveryParts } from './deliveries/delivery-parts.ts';
import { registerDeliveryWorker } from './deliveries/register-deliveries.ts';
import { createEventBus } from './events/create-event-bus.ts';
import type { EventBus } from './events/event-bus.ts';
import { registerHousekeeping } from './housekeeping/housekeeping.ts';
import { registerRetention } from './housekeeping/retention.ts';
import { frameworkErrors, registerErrorHandler } from './http/error-handler.ts';
import { healthRoutes } from './http/health.routes.ts';
import { registerJsonBody } from './http/json-body.ts';
import { registerNotFound } from './http/not-found.ts';
import { registerOpenApi } from './http/openapi.ts';
import { pingRoutes } from './http/ping.routes.ts';
import { buildValidator } from './http/validation.ts';
import { registerWebApp } from './http/web-app.ts';
import { liveSessionRoutes } from './live-sessions/live-sessions.routes.ts';
import { createMetricsIfEnabled, registerMetrics } from './metrics/register-metrics.ts';
import { adminNotificationRoutes } from './notifications/admin-notifications.routes.ts';
import { createFanoutRunner } from './notifications/fanout-job.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { createNotificationService } from './notifications/notifications.service.ts';
import { adminStreamRoutes } from './notifications/stream/admin-stream.routes.ts';
import { streamRoutes } from './notifications/stream/stream.routes.ts';
import { StreamHub } from './notifications/stream/stream-hub.ts';
import { UserCache } from './notifications/user-cache.ts';
import { channelPreferenceRoutes } from './preferences/channel-preferences.routes.ts';
import { deliveryPolicyRoutes } from './preferences/delivery-policies.routes.ts';
import { pushSubscriptionRoutes } from './push/push-subscriptions.routes.ts';
import { recordingRoutes } from './recordings/recordings.routes.ts';
import { registrationRoutes } from './registrations/registrations.routes.ts';
import { registerReminderScheduler } from './reminders/reminder-scheduler.ts';
import { reminderRoutes } from './reminders/reminders.routes.ts';
import { deriveSecret } from './secrets.ts';
import { adminUserRoutes } from './users/admin-users.routes.ts';
import { webinarRoutes } from './webinars/webinars.routes.ts';

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

/**
 * Fastify's trustProxy for TRUST_PROXY. A bare number would trust no hop at all in Fastify 5 (it
 * cannot check the peer), so a hop count becomes "the nearest n hops", as proxy-addr counts them.
 */
function trustProxyOption(setting: Config['trustProxy']) {
  if (typeof setting !== 'number') return setting;
  return (_address: string, hop: number) => hop < setting;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database, jwtSecret } = options;
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: trustProxyOption(config.trustProxy),
    // A signed email link's token is a path segment of the one-click unsubscribe URL: a few
    // hundred characters, where the router's default stops at 100.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2000 },
    // Reject unknown body fields instead of silently dropping them; coerce query strings and path
    // params, never a JSON body (see http/validation.ts).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    schemaController: { compilersFactory: { buildValidator: buildValidator() } },
    // A response schema with a union (anyOf) needs validators to pick the branch: compile them at
    // start, not during some request's first answer. The contracts avoid unions in
    // responses anyway (StringEnum, Nullable), as they cost a validation per value.
    serializerOpts: { compileValidators: true },
    frameworkErrors,
    // A request that reaches an open connection while the server stops is answered (with
    // `Connection: close`), not refused with Fastify's own 503 body: the process still has its
    // database until every connection is gone.
    return503OnClosing: false,
  });

  database.onIdleConnectionError((error) =>
    app.log.warn({ err: error }, 'database connection failed while idle; the pool opens another'),
  );
  const databaseOutage = createOutageLog(app.log);
  database.onConnectionOpened(() => databaseOutage.recovered());

  const metrics = createMetricsIfEnabled(config.metrics);
  const bus =
    options.bus ??
    (await createEventBus(config, app.log, metrics && ((seconds) => metrics.eventBusLag.observe(seconds))));
  const caches = {
    unreadCounts: new UserCache<number>(),
    // Bounded lower: a list weighs ~7 KB where a count weighs a few bytes.
    newest: new UserCache<Notification[]>(5_000),
    newestUnread: new UserCache<Notification[]>(5_000),
  };
  let requestsReceived = 0;
  const fanout =
    database.kind === 'embedded'
      ? createFanoutRunner({
          db: database.db,
          bus,
          log: app.log,
          clock,
          chunkSize: config.fanoutChunkSize,
          requestsReceived: () => requestsReceived,
          metrics,
        })
      : undefined;
  // The fan-out job steps aside while requests come in.
  if (fanout)
    app.addHook('onRequest', (_request, _reply, done) => {
      requestsReceived++;
      done();
    });
  const authStates = new UserAuthStates(database.db);
  const stopFollowing = [...Object.values(caches), authStates].map((cache) => cache.follow(bus));
  const streams = new StreamHub({ db: database.db, bus, clock, cache: caches.unreadCounts, log: app.log });
  const notifications = createNotificationService({
    bus,
    clock,
    caches,
    metrics,
    ...(fanout ? { fanout } : {}),
  });
  const deps: AppDeps = {
    config,
    db: database.db,
    dbKind: database.kind,
    databaseOutage,
    clock,
    bus,
    tokens: createTokenService(
      jwtSecret,
      { access: config.accessTokenTtlSeconds, refresh: config.refreshTokenTtlSeconds },
      clock,
    ),
    csrfSecret: deriveSecret(jwtSecret, 'csrf'),
    deviceSecret: deriveSecret(jwtSecret, 'sign-in-device'),
    notifications,
    streams,
    fanout,
    ...deliveryParts(config, database.db, clock, app.log, jwtSecret, metrics),
    announcementScheduler:
      config.announcementIntervalSeconds > 0
        ? createAnnouncementScheduler({
            db: database.db,
            clock,
            notifications,
            log: app.log,
            graceMs: config.announcementGraceMinutes * 60_000,
          })
        : undefined,
  };
  // A fan-out interrupted by a stop resumes at the next start.
  app.addHook('onReady', async () => fanout?.wake());
  // Once stopping, every response closes its connection: a keep-alive socket left idle would
  // hold the stop up for the keep-alive timeout (72 s). Idle sockets are closed when the stop
  // begins (Fastify's forceCloseConnections: 'idle', its default); Fastify marks requests that
  // arrive later itself, this marks those that were already running.
  let stopping = false;
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (stopping) reply.header('connection', 'close');
    done(null, payload);
  });
  // Open streams never finish by themselves: end them first, so closing waits only for requests.
  app.addHook('preClose', async () => {
    stopping = true;
    streams.close();
  });
  app.addHook('onClose', async () => {
    await fanout?.stop();
    for (const stop of stopFollowing) stop();
    if (!options.bus) await bus.close();
  });

  registerErrorHandler(app, databaseOutage);
  registerNotFound(app);
  registerJsonBody(app);
  await app.register(helmet, { contentSecurityPolicy: false });
  await app.register(cookie);
  await registerOpenApi(app);
  await app.register(healthRoutes, deps);
  if (metrics)
    await registerMetrics(app, {
      config: config.metrics,
      metrics,
      database,
      openStreams: () => streams.connectionCount,
    });

  // Everything under /api requires a signed-in user unless a route says it is public.
  await app.register(async (api) => {
    registerAuthentication(api, {
      db: deps.db,
      tokens: deps.tokens,
      authStates,
      csrfSecret: deps.csrfSecret,
      clock,
    });
    await api.register(authRoutes, deps);
    await api.register(pingRoutes);
    await api.register(notificationRoutes, deps);
    await api.register(streamRoutes, deps);
    await api.register(adminStreamRoutes, deps);
    await api.register(adminNotificationRoutes, deps);
    await api.register(announcementRoutes, deps);
    await api.register(webinarRoutes, deps);
    await api.register(registrationRoutes, deps);
    await api.register(liveSessionRoutes, deps);
    await api.register(recordingRoutes, deps);
    await api.register(reminderRoutes, deps);
    await api.register(deliveryRoutes, deps);
    await api.register(contactRoutes, deps);
    await api.register(unsubscribeRoutes, deps);
    await api.register(channelPreferenceRoutes, deps);
    await api.register(pushSubscriptionRoutes, deps);
    await api.register(deliveryPolicyRoutes, deps);
    await api.register(adminUserRoutes, deps);
  });
  registerReminderScheduler(app, deps, config.reminderIntervalSeconds);
  registerDeliveryWorker(app, deps);
  registerAnnouncementScheduler(app, deps);
  registerHousekeeping(app, deps);
  registerRetention(app, { ...deps, retentionDays: config.retentionDays });

  await registerWebApp(app, config.webDist);
  return app;
}
