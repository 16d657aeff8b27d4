// The real server for component tests: built in-process on a fresh in-memory database, listening on
// a free port of 127.0.0.1. Users and notifications are made through the server's own services, and
// the web app's API client is pointed at it with the user's bearer token (Node's fetch keeps no
// cookie jar, so the cookie session cannot be used here).
import type { NotificationType, Role } from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.ts';
import { hashPassword } from '../../server/src/auth/passwords.ts';
import { createTokenService } from '../../server/src/auth/tokens.ts';
import { systemClock } from '../../server/src/clock.ts';
import { loadConfig } from '../../server/src/config.ts';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../../server/src/db/database.ts';
import { inTransaction } from '../../server/src/db/transaction.ts';
import { createSignedLinks, type SignedLinks } from '../../server/src/deliveries/signed-links.ts';
import { createInProcessEventBus } from '../../server/src/events/event-bus.ts';
import { createNotificationService } from '../../server/src/notifications/notifications.service.ts';
import { insertUser } from '../../server/src/users/users.repository.ts';
import { embeddedTemplate } from '../../server/test/helpers/database.ts';
import { configureApiClient } from '../src/lib/api-client.ts';

// A user's notifications as stored, with the read state the API shows (read marks applied).
export { storedRows, storedUnreadCount } from '../../server/test/helpers/stored-read-state.ts';

const SECRET = 'web-component-tests-secret-0123456789abcdef';
export const PASSWORD = 'correct-horse-battery';

export interface TestUser {
  id: number;
  username: string;
  role: Role;
  token: string;
}

export interface TestServer {
  baseUrl: string;
  database: DatabaseHandle;
  app: FastifyInstance;
  createUser(role?: Role): Promise<TestUser>;
  /** `count` notifications for one user, one after the other (the last is the newest). */
  notify(
    user: TestUser,
    count: number,
    options?: { type?: NotificationType; title?: string; webinarId?: number; read?: boolean },
  ): Promise<void>;
  /** A scheduled webinar starting in a day, hosted by `host`. */
  createWebinar(host: TestUser, title: string): Promise<number>;
  /** A registration in the given state, as if the student had registered and been decided on. */
  register(student: TestUser, webinarId: number, status: 'pending' | 'approved'): Promise<number>;
  /** From now on, the web app calls the API as this user. */
  signInAs(user: TestUser): void;
  /** From now on, the web app calls the API as nobody (the pages behind an email's links). */
  signOut(): void;
  /** Marks the user's address as confirmed, as its verification link would. */
  verifyEmail(user: TestUser): Promise<void>;
  /** The tokens of the links emails carry, signed as the server signs them. */
  signedLinks: SignedLinks;
  /**
   * A second server process on the same database, whose event bus reaches neither this one nor
   * back: what changes through it, this one's caches never hear of (as for a few milliseconds
   * between two processes on PostgreSQL). Closed with the server.
   */
  startOtherProcess(): Promise<string>;
  close(): Promise<void>;
}

let userCounter = 0;

export async function startTestServer(): Promise<TestServer> {
  const database = await openDatabase({ dataDir: 'memory://', startFrom: embeddedTemplate() });
  await migrateToLatest(database.db);
  const config = loadConfig({ DATA_DIR: 'memory://', WEB_DIST: '/nonexistent', REMINDER_INTERVAL: '0' });
  // One bus for the app and the factories, so the app's unread-count cache hears of what they create.
  const bus = createInProcessEventBus();
  const app = await buildApp({ config, database, jwtSecret: SECRET, bus, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the test server has no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const tokens = createTokenService(
    SECRET,
    { access: config.accessTokenTtlSeconds, refresh: config.refreshTokenTtlSeconds },
    systemClock,
  );
  const notifications = createNotificationService({ bus, clock: systemClock });
  const passwordHash = await hashPassword(PASSWORD);
  const others: FastifyInstance[] = [];

  return {
    baseUrl,
    database,
    app,
    async createUser(role = 'student') {
      userCounter += 1;
      const username = `${role}${userCounter}`;
      const row = await insertUser(database.db, {
        username,
        email: `${username}@example.com`,
        display_name: `${role[0]?.toUpperCase()}${role.slice(1)} ${userCounter}`,
        password_hash: passwordHash,
        role,
      });
      return {
        id: row.id,
        username,
        role,
        token: await tokens.issue(row.id, role, 'access', row.auth_version),
      };
    },
    async notify(user, count, options = {}) {
      const type = options.type ?? 'system';
      for (let index = 0; index < count; index += 1) {
        const title = count === 1 ? (options.title ?? 'Hello') : `${options.title ?? 'Notice'} ${index + 1}`;
        await inTransaction(database.db, (tx) =>
          notifications.createBulk(tx, {
            type,
            title,
            content: `${title}: the details`,
            webinarId: options.webinarId ?? null,
            recipients: { userIds: [user.id] },
          }),
        );
      }
      // Through the service, so the server's unread-count cache hears of it.
      if (options.read) await notifications.markAllRead(database.db, user.id);
    },
    async createWebinar(host, title) {
      const row = await database.db
        .insertInto('webinars')
        .values({ title, description: '', host_id: host.id, starts_at: new Date(Date.now() + 86_400_000) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async register(student, webinarId, status) {
      const row = await database.db
        .insertInto('registrations')
        .values({ user_id: student.id, webinar_id: webinarId, status, decided_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    signInAs(user) {
      configureApiClient({ baseUrl, bearerToken: user.token });
    },
    signOut() {
      configureApiClient({ baseUrl, bearerToken: undefined });
    },
    async verifyEmail(user) {
      await database.db
        .updateTable('users')
        .set({ email_verified_at: new Date() })
        .where('id', '=', user.id)
        .execute();
    },
    signedLinks: createSignedLinks(SECRET, systemClock),
    async startOtherProcess() {
      const other = await buildApp({
        config,
        database,
        jwtSecret: SECRET,
        bus: createInProcessEventBus(),
        logger: false,
      });
      others.push(other);
      await other.listen({ host: '127.0.0.1', port: 0 });
      const { port } = other.server.address() as { port: number };
      return `http://127.0.0.1:${port}`;
    },
    async close() {
      for (const other of others) await other.close();
      await app.close();
      await database.close();
    },
  };
}
