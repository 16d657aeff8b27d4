// What the routes and services of one server process share. Built once in buildApp.

import type { AnnouncementScheduler } from './announcements/announcement-scheduler.ts';
import type { TokenService } from './auth/tokens.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { DatabaseKind, Db } from './db/database.ts';
import type { OutageLog } from './db/unavailable.ts';
import type { EmailChannel } from './deliveries/channels/email.ts';
import type { PushChannel } from './deliveries/channels/push.ts';
import type { SignedLinks } from './deliveries/signed-links.ts';
import type { DeliveryWorker } from './deliveries/worker.ts';
import type { EventBus } from './events/event-bus.ts';
import type { FanoutRunner } from './notifications/fanout-job.ts';
import type { NotificationService } from './notifications/notifications.service.ts';
import type { StreamHub } from './notifications/stream/stream-hub.ts';

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
  /** Verification and unsubscribe links in emails. */
  signedLinks: SignedLinks;
  /** Renders (and, with SMTP_URL, sends) emails; the admin's preview renders through it too. */
  email: EmailChannel;
  /** Sends web push messages; its public key is null when push is off (no VAPID keys). */
  push: PushChannel;
  /** Sends due deliveries; wake it after queuing some. */
  deliveryWorker: DeliveryWorker;
  /** Sends scheduled announcements when due; absent with ANNOUNCEMENT_INTERVAL=0. */
  announcementScheduler: AnnouncementScheduler | undefined;
}
