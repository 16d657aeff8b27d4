// Configuration comes from the environment only, validated once at start. A bad value stops the
// process with a message naming the variable, rather than failing later in some request.
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRODUCT_NAME } from '@webinar/contracts';
import { isInMemory } from './db/in-memory.ts';
import { OperatorError } from './operator-error.ts';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; absent means the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  /** How long start-up waits for PostgreSQL to accept a connection before giving up. */
  databaseConnectTimeoutSeconds: number;
  /** Absent in embedded mode until the data folder provides one (see secrets.ts). */
  jwtSecret: string | undefined;
  logLevel: LogLevel;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Cookie sessions last as long as a refresh token would. */
  sessionTtlSeconds: number;
  /** Mark cookies Secure (HTTPS only); turn on when TLS terminates in front of the server. */
  secureCookies: boolean;
  /** Sign-in attempts allowed per client address and minute. */
  loginRateLimit: number;
  /** Failed sign-ins allowed per username and hour, from clients without that user's device cookie. */
  loginUserLimit: number;
  /**
   * Which peers may say, in X-Forwarded-For, whom they forward for: none (false), the nearest
   * `n` hops, or the proxies at these addresses, CIDR ranges or proxy-addr names.
   */
  trustProxy: false | number | string[];
  /** Origin and optional path prefix for absolute links (no trailing slash); absent: relative links. */
  publicUrl: string | undefined;
  /** Seed demo users and data into an empty embedded database on first start. */
  seedDemo: boolean;
  /**
   * Embedded database only: notifications to more users than this are created by a background
   * job, this many users per transaction, so other requests never wait long for the database.
   */
  fanoutChunkSize: number;
  /** Server processes to run (node:cluster); more than one requires PostgreSQL. */
  workers: number;
  /** How often the server checks for due webinar reminders; 0 turns the check off. */
  reminderIntervalSeconds: number;
  /** How often each process looks for due scheduled announcements besides its timer; 0: it sends none. */
  announcementIntervalSeconds: number;
  /** How late a scheduled announcement may still go out by itself (after downtime); later: missed. */
  announcementGraceMinutes: number;
  /** Folder of the built web app, served with an SPA fallback when it exists. */
  webDist: string;
  /** After SIGTERM/SIGINT, how long in-flight requests may take before the process exits anyway. */
  shutdownTimeoutSeconds: number;
  /** The mail server (smtp:// or smtps://, with user and password); absent: emails are rendered, not sent. */
  smtpUrl: string | undefined;
  /** The From of every email, e.g. `Webinar Hub <notifications@example.com>`. */
  mailFrom: string;
  /** How often each process looks for due deliveries besides being woken; 0 turns its workers off. */
  deliveryIntervalSeconds: number;
  /** Notifications older than this many days are removed; 0 keeps everything. */
  retentionDays: number;
  /** Tries of one delivery before it is failed for good. */
  deliveryMaxAttempts: number;
  /** How long a process's claim on a delivery holds: after a crash, its batch is sent again after this. */
  deliveryLeaseSeconds: number;
  /**
   * The VAPID key pair that signs web push requests (base64url, as `web-push generate-vapid-keys`
   * prints them). Absent in embedded mode until the data folder provides one (see secrets.ts);
   * absent with PostgreSQL means push is off.
   */
  vapid: { publicKey: string; privateKey: string } | undefined;
  /** Who runs this server, for push services to reach: a mailto: or https: URL. */
  vapidSubject: string;
  /** Accept plain-http push endpoints on a loopback address (a local test push service). */
  pushAllowInsecureEndpoints: boolean;
  /** Where /metrics is served, if anywhere: never to the public by default (see metrics/). */
  metrics: MetricsConfig;
}

/** The variables of the metrics port, as messages about it name them. */
export const METRICS_ADDRESS = { port: 'METRICS_PORT', host: 'METRICS_HOST' };

export interface MetricsConfig {
  /** /metrics on the main port answers a request bearing this token; absent: not served there. */
  token: string | undefined;
  /** A port of its own for /metrics, without a token; absent: none. */
  port: number | undefined;
  /** Address that port listens on: loopback unless the operator opens it up. */
  host: string;
}

export class ConfigError extends OperatorError {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** Durations: plain seconds ("300") or with a unit ("5m", "1h", "1d"). */
function duration(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const match = /^(\d+)(s|m|h|d)?$/.exec(raw.trim());
  if (!match) throw new ConfigError(name, `must be a duration like 300, 5m, 1h or 1d, got "${raw}"`);
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * unit;
  if (seconds < 1 || seconds > 365 * 86400)
    throw new ConfigError(name, 'must be between 1 second and 365 days');
  return seconds;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function workers(env: Env, databaseUrl: string | undefined): number {
  const count = integer(env, 'WORKERS', 1, 1, 64);
  if (count > 1 && !databaseUrl) {
    throw new ConfigError(
      'WORKERS',
      'above 1 needs DATABASE_URL: the embedded database can only be opened by one process',
    );
  }
  return count;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(value: string): boolean {
  if (PROXY_NAMES.includes(value)) return true;
  const [address = '', prefix, ...rest] = value.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** Off, a hop count, or a comma-separated list of proxy addresses. */
function trustProxy(env: Env): false | number | string[] {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || ['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  if (/^\d+$/.test(raw)) {
    if (Number(raw) > 16) throw new ConfigError('TRUST_PROXY', `hop count must be at most 16, got ${raw}`);
    return Number(raw);
  }
  if (['true', 'yes', 'on'].includes(raw.toLowerCase()))
    throw new ConfigError(
      'TRUST_PROXY',
      `"${raw}" would believe any client's X-Forwarded-For; give the proxies' hop count or addresses`,
    );
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isProxyAddress(entry));
  if (bad !== undefined)
    throw new ConfigError(
      'TRUST_PROXY',
      `must be a hop count (like 1) or proxy addresses or CIDR ranges (like 10.0.0.5,192.168.0.0/16), got "${bad}"`,
    );
  return entries;
}

/** An http(s) origin with an optional path prefix, kept without its trailing slash. */
function publicUrl(env: Env): string | undefined {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', `must be an absolute URL like https://example.com, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError('PUBLIC_URL', `must start with http:// or https://, got "${raw}"`);
  if (url.username || url.password || url.search || url.hash || raw.includes('?') || raw.includes('#'))
    throw new ConfigError(
      'PUBLIC_URL',
      `must be an origin and optional path only (no user, query or #), got "${raw}"`,
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** An smtp:// or smtps:// URL, as nodemailer reads it (user and password in it, options as query). */
function smtpUrl(env: Env): string | undefined {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL', 'must be a URL like smtps://user:password@mail.example.com:465');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new ConfigError('SMTP_URL', `must start with smtp:// or smtps://, got "${url.protocol}//"`);
  if (!url.hostname)
    throw new ConfigError('SMTP_URL', 'must name the mail server, like smtp://mail.example.com:587');
  if (!env.PUBLIC_URL?.trim())
    throw new ConfigError('PUBLIC_URL', 'is required with SMTP_URL: the links in emails are built from it');
  return raw;
}

/** A From header: an address, optionally with a display name (`Name <address>`). */
function mailFrom(env: Env, smtp: string | undefined): string {
  const raw = env.MAIL_FROM?.trim();
  if (!raw) {
    if (smtp)
      throw new ConfigError(
        'MAIL_FROM',
        `is required with SMTP_URL, like ${PRODUCT_NAME} <notifications@example.com>`,
      );
    return `${PRODUCT_NAME} <notifications@localhost>`;
  }
  if (!/^([^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(raw))
    throw new ConfigError('MAIL_FROM', `must be an address or Name <address>, got "${raw}"`);
  return raw;
}

/** Both VAPID keys or neither, each the length of a P-256 key in base64url. */
function vapidKeys(env: Env): { publicKey: string; privateKey: string } | undefined {
  const publicKey = env.VAPID_PUBLIC_KEY?.trim();
  const privateKey = env.VAPID_PRIVATE_KEY?.trim();
  if (!publicKey && !privateKey) return undefined;
  if (!publicKey) throw new ConfigError('VAPID_PUBLIC_KEY', 'is required with VAPID_PRIVATE_KEY');
  if (!privateKey) throw new ConfigError('VAPID_PRIVATE_KEY', 'is required with VAPID_PUBLIC_KEY');
  const base64url = /^[A-Za-z0-9_-]+$/;
  if (!base64url.test(publicKey) || Buffer.from(publicKey, 'base64url').length !== 65)
    throw new ConfigError('VAPID_PUBLIC_KEY', 'must be a P-256 public key in base64url (65 bytes)');
  if (!base64url.test(privateKey) || Buffer.from(privateKey, 'base64url').length !== 32)
    throw new ConfigError('VAPID_PRIVATE_KEY', 'must be a P-256 private key in base64url (32 bytes)');
  return { publicKey, privateKey };
}

function metrics(env: Env, port: number): MetricsConfig {
  const token = env.METRICS_TOKEN?.trim() || undefined;
  // A guessable token would publish the metrics after all.
  if (token !== undefined && token.length < 16)
    throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters long (e.g. openssl rand -hex 16)');
  const metricsPort = env.METRICS_PORT ? integer(env, 'METRICS_PORT', 0, 1, 65535) : undefined;
  if (metricsPort !== undefined && metricsPort === port)
    throw new ConfigError('METRICS_PORT', `must differ from PORT (${port})`);
  return { token, port: metricsPort, host: env.METRICS_HOST?.trim() || '127.0.0.1' };
}

/** A mailto: address or an https: URL (push services ask for one); PUBLIC_URL when it is https. */
function vapidSubject(env: Env, url: string | undefined): string {
  const raw = env.VAPID_SUBJECT?.trim();
  if (!raw) return url?.startsWith('https:') ? url : 'mailto:notifications@localhost';
  if (!/^(mailto:[^\s@]+@[^\s@]+|https:\/\/[^\s]+)$/.test(raw))
    throw new ConfigError('VAPID_SUBJECT', `must be a mailto: address or an https: URL, got "${raw}"`);
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }
  const jwtSecret = env.JWT_SECRET || undefined;
  if (databaseUrl && !jwtSecret) {
    throw new ConfigError(
      'JWT_SECRET',
      'is required when DATABASE_URL is set (every server process must share it)',
    );
  }
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters long');
  }
  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const host = env.HOST || '0.0.0.0';
  const refreshTokenTtlSeconds = duration(env, 'REFRESH_TOKEN_TTL', 86400);
  const smtp = smtpUrl(env);
  const publicUrlValue = publicUrl(env);
  return {
    port: integer(env, 'PORT', 8000, 0, 65535),
    host,
    // `npm start` runs in apps/server: a relative DATA_DIR means relative to where the user ran
    // npm (INIT_CWD), and the default is the repository's ./data (same depth from src/ and dist/).
    dataDir: env.DATA_DIR
      ? isInMemory(env.DATA_DIR)
        ? env.DATA_DIR
        : path.resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR)
      : fileURLToPath(new URL('../../../data', import.meta.url)),
    databaseUrl,
    databaseConnectTimeoutSeconds: duration(env, 'PGCONNECT_TIMEOUT', 10),
    jwtSecret,
    logLevel,
    accessTokenTtlSeconds: duration(env, 'ACCESS_TOKEN_TTL', 300),
    refreshTokenTtlSeconds,
    sessionTtlSeconds: refreshTokenTtlSeconds,
    secureCookies: boolean(env, 'SECURE_COOKIES', false),
    loginRateLimit: integer(env, 'LOGIN_RATE_LIMIT', 10, 1, 100000),
    loginUserLimit: integer(env, 'LOGIN_USER_LIMIT', 20, 1, 100000),
    trustProxy: trustProxy(env),
    publicUrl: publicUrlValue,
    seedDemo: boolean(env, 'SEED_DEMO', databaseUrl === undefined),
    reminderIntervalSeconds: integer(env, 'REMINDER_INTERVAL', 60, 0, 86400),
    announcementIntervalSeconds: integer(env, 'ANNOUNCEMENT_INTERVAL', 10, 0, 3600),
    announcementGraceMinutes: integer(env, 'ANNOUNCEMENT_GRACE_MINUTES', 60, 1, 10080),
    workers: workers(env, databaseUrl),
    fanoutChunkSize: integer(env, 'FANOUT_CHUNK_SIZE', 2000, 1, 1_000_000),
    webDist: path.resolve(env.WEB_DIST || fileURLToPath(new URL('../../web/dist', import.meta.url))),
    shutdownTimeoutSeconds: duration(env, 'SHUTDOWN_TIMEOUT', 10),
    smtpUrl: smtp,
    mailFrom: mailFrom(env, smtp),
    deliveryIntervalSeconds: integer(env, 'DELIVERY_INTERVAL', 5, 0, 3600),
    retentionDays: integer(env, 'RETENTION_DAYS', 365, 0, 36500),
    deliveryMaxAttempts: integer(env, 'DELIVERY_MAX_ATTEMPTS', 6, 1, 100),
    deliveryLeaseSeconds: integer(env, 'DELIVERY_LEASE', 120, 1, 86400),
    vapid: vapidKeys(env),
    vapidSubject: vapidSubject(env, publicUrlValue),
    pushAllowInsecureEndpoints: boolean(env, 'PUSH_ALLOW_INSECURE_ENDPOINTS', false),
    metrics: metrics(env, integer(env, 'PORT', 8000, 0, 65535)),
  };
}
