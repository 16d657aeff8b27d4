// The delivery engine's parts of one server process, built from the configuration.
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { linkBase } from '../http/link-base.ts';
import { createEmailChannel } from './channels/email.ts';
import { createMailTransport } from './mail-transport.ts';
import { createSignedLinks } from './signed-links.ts';
import { createDeliveryWorker } from './worker.ts';

export function deliveryParts(config: Config, db: Db, clock: Clock, log: FastifyBaseLogger, secret: string) {
  const signedLinks = createSignedLinks(secret, clock);
  const email = createEmailChannel({
    from: config.mailFrom,
    publicUrl: linkBase(config),
    signedLinks,
    transport: config.smtpUrl ? createMailTransport(config.smtpUrl) : null,
    now: () => clock.now(),
  });
  const deliveryWorker = createDeliveryWorker({
    db,
    clock,
    log,
    email,
    maxAttempts: config.deliveryMaxAttempts,
    leaseMs: config.deliveryLeaseSeconds * 1000,
  });
  return { signedLinks, email, deliveryWorker };
}
