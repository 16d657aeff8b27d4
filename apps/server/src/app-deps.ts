// What the routes and services of one server process share. Built once in buildApp.

import type { TokenService } from './auth/tokens.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { DatabaseKind } from './db/database.ts';
import type { OutageLog } from './db/unavailable.ts';
import type { SignedLinks } from './deliveries/signed-links.ts';
import type { EventBus } from './events/event-bus.ts';
import type { FanoutRunner } from './notifications/fanout-job.ts';
import type { NotificationService } from './notifications/notifications.service.ts';
import type { StreamHub } from './notifications/stream/stream-hub.ts';
import type { Db } from './users/users.repository.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  dbKind: DatabaseKind;
  /** Logs each kind of database failure once per outage. */
  databaseOutage: OutageLog;
  clock: Clock;
  bus: EventBus;
  tokens: TokenService;
  /** Signs CSRF tokens; derived from the JWT secret so operators manage one secret. */
  csrfSecret: string;
  /** Signs device cookies (auth/device-cookie.ts), derived the same way. */
  deviceSecret: string;
  notifications: NotificationService;
  /** This process's live event streams. */
  streams: StreamHub;
  /** The chunked fan-out job (embedded database only). */
  fanout: FanoutRunner | undefined;
  /** Signs and reads the tokens of email links (verification, unsubscribe). */
  signedLinks: SignedLinks;
  /** Sends due deliveries; woken when one is queued so it goes out without waiting for the next poll. */
  deliveryWorker?: { wake(): void };
}
