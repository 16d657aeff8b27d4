// The delivery engine's parts of one server process, built from the configuration.
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { linkBase } from '../http/link-base.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { resolveVapidKeys } from '../secrets.ts';
import { createEmailChannel } from './channels/email.ts';
import { createPushChannel } from './channels/push.ts';
import { createMailTransport } from './mail-transport.ts';
import { createSignedLinks } from './signed-links.ts';
import { createDeliveryWorker } from './worker.ts';

export function deliveryParts(
  config: Config,
  db: Db,
  clock: Clock,
  log: FastifyBaseLogger,
  secret: string,
  metrics: Metrics | undefined,
) {
  const signedLinks = createSignedLinks(secret, clock);
  const email = createEmailChannel({
    from: config.mailFrom,
    publicUrl: linkBase(config),
    signedLinks,
    transport: config.smtpUrl ? createMailTransport(config.smtpUrl) : null,
    now: () => clock.now(),
  });
  const vapid = resolveVapidKeys(config);
  if (!vapid)
    log.warn(
      'web push is off: with DATABASE_URL set, VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are needed (npx web-push generate-vapid-keys)',
    );
  const push = createPushChannel({ vapid, subject: config.vapidSubject, publicUrl: linkBase(config) });
  const deliveryWorker = createDeliveryWorker({
    db,
    clock,
    log,
    email,
    push,
    maxAttempts: config.deliveryMaxAttempts,
    leaseMs: config.deliveryLeaseSeconds * 1000,
    metrics,
  });
  return { signedLinks, email, push, deliveryWorker };
}
