// Builds the real app on a fresh database for one test file, with a clock the test can move,
// and small factories (buildUser, buildWebinar, notify) that go through the real services.
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  type NotificationType,
  type Role,
  SESSION_COOKIE,
} from '@webinar/contracts';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { buildApp } from '../../src/app.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { Clock } from '../../src/clock.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { createInProcessEventBus, type InProcessEventBus } from '../../src/events/event-bus.ts';
import {
  createNotificationService,
  type NewNotifications,
} from '../../src/notifications/notifications.service.ts';
import { insertUser } from '../../src/users/users.repository.ts';
import { createTestDatabase } from './database.ts';

export const TEST_PASSWORD = 'correct-horse-battery';
export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/** A clock that stands still until the test moves it; what is due then runs. */
export class TestClock implements Clock {
  private readonly pending = new Set<{ time: number; callback: () => void }>();
  constructor(private current = new Date('2026-06-01T12:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  at(time: Date, callback: () => void): () => void {
    const entry = { time: time.getTime(), callback };
    this.pending.add(entry);
    return () => this.pending.delete(entry);
  }
  advance(ms: number): void {
    this.set(new Date(this.current.getTime() + ms));
  }
  set(date: Date): void {
    this.current = new Date(date);
    for (const entry of [...this.pending]) {
      if (entry.time > this.current.getTime()) continue;
      this.pending.delete(entry);
      entry.callback();
    }
  }
}

export interface TestUser {
  id: number;
  username: string;
  role: Role;
  token: string;
}

/**
 * Turns off the app's own background jobs (delivery, announcement and retention checks), for tests
 * that count queries: a job's query landing inside a measured request would be counted as its own.
 */
export const NO_BACKGROUND_JOBS: Partial<Config> = {
  deliveryIntervalSeconds: 0,
  announcementIntervalSeconds: 0,
  retentionDays: 0,
};

let passwordHash: Promise<string> | undefined;
let userCounter = 0;

export interface TestContext {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  clock: TestClock;
  bus: InProcessEventBus;
  /** Queries the app has run so far (the factories below do not count). */
  queryCount(): number;
  buildUser(overrides?: { role?: Role; username?: string }): Promise<TestUser>;
  buildWebinar(hostId: number, title?: string): Promise<number>;
  notify(input: NewNotifications): Promise<number>;
  /** A request as `user` with their bearer token. */
  as(user: TestUser, options: InjectOptions): Promise<LightMyRequestResponse>;
  signIn(username: string, password?: string): Promise<CookieSession>;
  /** Another app (as another server process would be) on the same database and clock. */
  buildAnotherApp(overrides?: Partial<Config>): Promise<FastifyInstance>;
  close(): Promise<void>;
}

export interface CookieSession {
  cookies: Record<string, string>;
  csrfToken: string;
  /** A request carrying the session cookie (and the CSRF header unless told not to). */
  request(options: InjectOptions, withCsrf?: boolean): Promise<LightMyRequestResponse>;
}

/** Counts the queries that a Kysely instance runs (each one that returned a result). */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    this.count += 1;
    return args.result;
  }
}

export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const config = {
    ...loadConfig({ DATA_DIR: 'memory://', WEB_DIST: '/nonexistent', REMINDER_INTERVAL: '0' }),
    ...overrides,
  };
  const clock = new TestClock(new Date());
  const bus = createInProcessEventBus();
  const queries = new QueryCounter();
  const app = await buildApp({
    config,
    database: { ...database, db: database.db.withPlugin(queries) },
    jwtSecret: TEST_SECRET,
    clock,
    bus,
    logger: false,
  });
  await app.ready();
  const tokens = createTokenService(
    TEST_SECRET,
    { access: config.accessTokenTtlSeconds, refresh: config.refreshTokenTtlSeconds },
    clock,
  );
  const service = createNotificationService({ bus, clock });
  const otherApps: FastifyInstance[] = [];

  const context: TestContext = {
    app,
    database,
    config,
    clock,
    bus,
    queryCount: () => queries.count,
    async buildUser(options = {}) {
      passwordHash ??= hashPassword(TEST_PASSWORD);
      userCounter += 1;
      const role = options.role ?? 'student';
      const username = options.username ?? `${role}${userCounter}_${process.pid}`;
      const row = await insertUser(database.db, {
        username,
        email: `${username}@example.com`,
        display_name: username,
        password_hash: await passwordHash,
        role,
      });
      return {
        id: row.id,
        username,
        role,
        token: await tokens.issue(row.id, role, 'access', row.auth_version),
      };
    },
    async buildWebinar(hostId, title = 'A webinar') {
      const row = await database.db
        .insertInto('webinars')
        .values({ title, host_id: hostId, starts_at: clock.now(), description: '' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async notify(input) {
      return (await inTransaction(database.db, (tx) => service.createBulk(tx, input))).created;
    },
    as(user, options) {
      return app.inject({
        ...options,
        headers: { ...options.headers, authorization: `Bearer ${user.token}` },
      });
    },
    async signIn(username, password = TEST_PASSWORD) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login/',
        payload: { username, password },
      });
      if (response.statusCode !== 200)
        throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
      const cookies = Object.fromEntries(response.cookies.map((c) => [c.name, c.value]));
      const csrfToken = response.json().csrf_token as string;
      return {
        cookies,
        csrfToken,
        request(options, withCsrf = true) {
          return app.inject({
            ...options,
            cookies: { ...cookies, ...(options.cookies as Record<string, string> | undefined) },
            headers: { ...options.headers, ...(withCsrf ? { [CSRF_HEADER]: csrfToken } : {}) },
          });
        },
      };
    },
    async buildAnotherApp(more = {}) {
      const other = await buildApp({
        config: { ...config, ...more },
        database,
        jwtSecret: TEST_SECRET,
        clock,
        bus: createInProcessEventBus(),
        logger: false,
      });
      otherApps.push(other);
      await other.ready();
      return other;
    },
    async close() {
      for (const other of otherApps) await other.close();
      await app.close();
      await database.close();
    },
  };
  return context;
}

/** Shorthand for a notification of one type to some users. */
/** The server-process tests' cast, with TEST_PASSWORD: admin (an admin), alice and bob (students). */
export async function insertTestCast(
  db: DatabaseHandle['db'],
): Promise<Record<'admin' | 'alice' | 'bob', number>> {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const ids = { admin: 0, alice: 0, bob: 0 };
  for (const [name, role] of [
    ['admin', 'admin'],
    ['alice', 'student'],
    ['bob', 'student'],
  ] as const) {
    const row = await insertUser(db, {
      username: name,
      email: `${name}@example.com`,
      display_name: name,
      password_hash: passwordHash,
      role,
    });
    ids[name] = row.id;
  }
  return ids;
}

/** Access tokens of the cast, signed in over HTTP on a running server at `origin`. */
export async function signInCast(origin: string): Promise<Record<'admin' | 'alice' | 'bob', string>> {
  const tokens = { admin: '', alice: '', bob: '' };
  for (const name of ['admin', 'alice', 'bob'] as const) {
    const response = await fetch(`${origin}/api/auth/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: name, password: TEST_PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`${name} could not sign in: ${response.status}`);
    tokens[name] = ((await response.json()) as { access: string }).access;
  }
  return tokens;
}

export function simple(type: NotificationType, userIds: number[], title = `A ${type}`): NewNotifications {
  return { type, title, content: `${title}: content`, recipients: { userIds } };
}

export { CSRF_COOKIE, SESSION_COOKIE };
