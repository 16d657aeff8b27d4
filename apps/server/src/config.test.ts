import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { ConfigError, loadConfig } from './config.ts';
import { resolveVapidKeys } from './secrets.ts';

const SECRET = 'a-secret-that-is-at-least-32-chars-long';

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a configuration error');
}

describe('configuration from the environment', () => {
  it('has working defaults for the embedded database', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.accessTokenTtlSeconds).toBe(300);
    expect(config.refreshTokenTtlSeconds).toBe(86400);
    expect(config.seedDemo).toBe(true);
    expect(config.shutdownTimeoutSeconds).toBe(10);
  });

  it("keeps the embedded database in the repository's data folder, or DATA_DIR from where npm ran", () => {
    expect(loadConfig({}).dataDir).toBe(path.resolve(import.meta.dirname, '../../../data'));
    expect(loadConfig({ DATA_DIR: 'elsewhere', INIT_CWD: '/srv/app' }).dataDir).toBe('/srv/app/elsewhere');
    expect(loadConfig({ DATA_DIR: '/var/lib/webinar' }).dataDir).toBe('/var/lib/webinar');
    expect(loadConfig({ DATA_DIR: 'memory://' }).dataDir).toBe('memory://');
  });

  it('reads durations with units', () => {
    const config = loadConfig({
      ACCESS_TOKEN_TTL: '10m',
      REFRESH_TOKEN_TTL: '2d',
      PGCONNECT_TIMEOUT: '30s',
    });
    expect(config.accessTokenTtlSeconds).toBe(600);
    expect(config.databaseConnectTimeoutSeconds).toBe(30);
    expect(loadConfig({}).databaseConnectTimeoutSeconds).toBe(10);
    expect(config.refreshTokenTtlSeconds).toBe(2 * 86400);
    expect(loadConfig({ SHUTDOWN_TIMEOUT: '30' }).shutdownTimeoutSeconds).toBe(30);
  });

  it('names the variable of each bad value', () => {
    expect(problem({ PORT: 'eighty' })).toMatch(/PORT/);
    expect(problem({ PORT: '70000' })).toMatch(/PORT/);
    expect(problem({ LOG_LEVEL: 'loud' })).toMatch(/LOG_LEVEL/);
    expect(problem({ ACCESS_TOKEN_TTL: '5 minutes' })).toMatch(/ACCESS_TOKEN_TTL/);
    expect(problem({ REFRESH_TOKEN_TTL: '0' })).toMatch(/REFRESH_TOKEN_TTL/);
    expect(problem({ DATABASE_URL: 'mysql://x' })).toMatch(/DATABASE_URL/);
    expect(problem({ JWT_SECRET: 'short' })).toMatch(/JWT_SECRET/);
    expect(problem({ SECURE_COOKIES: 'maybe' })).toMatch(/SECURE_COOKIES/);
    expect(problem({ PGCONNECT_TIMEOUT: 'soon' })).toMatch(/PGCONNECT_TIMEOUT/);
    expect(problem({ SHUTDOWN_TIMEOUT: 'soon' })).toMatch(/SHUTDOWN_TIMEOUT/);
    expect(problem({ SHUTDOWN_TIMEOUT: '0' })).toMatch(/SHUTDOWN_TIMEOUT/);
  });

  it('requires a shared JWT secret with PostgreSQL', () => {
    expect(problem({ DATABASE_URL: 'postgresql://localhost/x' })).toMatch(/JWT_SECRET is required/);
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/x', JWT_SECRET: SECRET }).seedDemo).toBe(false);
  });

  it('reads yes/no settings as 1/0, true/false, yes/no or on/off', () => {
    expect(loadConfig({ SECURE_COOKIES: '1' }).secureCookies).toBe(true);
    expect(loadConfig({ SECURE_COOKIES: 'on' }).secureCookies).toBe(true);
    expect(loadConfig({ SEED_DEMO: '0' }).seedDemo).toBe(false);
  });

  it('trusts no proxy unless told, then a hop count or the listed proxies', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses a TRUST_PROXY that would trust every client, or that is not a proxy address', () => {
    expect(problem({ TRUST_PROXY: 'true' })).toMatch(/TRUST_PROXY .*any client's X-Forwarded-For/);
    for (const bad of [
      '17',
      'proxy.example.com',
      '10.0.0.300',
      '10.0.0.0/33',
      '::1/129',
      '10.0.0.1,',
      '1.2.3.4/8/8',
    ])
      expect(problem({ TRUST_PROXY: bad }), bad).toMatch(/^Invalid configuration: TRUST_PROXY /);
  });

  it('keeps PUBLIC_URL as an origin and path prefix without a trailing slash', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: 'https://notify.example.org' }).publicUrl).toBe(
      'https://notify.example.org',
    );
    expect(loadConfig({ PUBLIC_URL: 'https://Notify.Example.org:443/' }).publicUrl).toBe(
      'https://notify.example.org',
    );
    expect(loadConfig({ PUBLIC_URL: 'http://10.0.0.5:8000/webinars/' }).publicUrl).toBe(
      'http://10.0.0.5:8000/webinars',
    );
  });

  it('refuses a PUBLIC_URL that is not an http(s) origin with an optional path', () => {
    for (const bad of [
      'notify.example.org',
      '/webinars',
      'ftp://notify.example.org',
      'javascript:alert(1)',
      'https://user:secret@notify.example.org',
      'https://notify.example.org/?a=1',
      'https://notify.example.org/#top',
    ])
      expect(problem({ PUBLIC_URL: bad }), bad).toMatch(/^Invalid configuration: PUBLIC_URL /);
  });

  it('limits sign-in per username, 20 failures an hour unless told otherwise', () => {
    expect(loadConfig({}).loginUserLimit).toBe(20);
    expect(loadConfig({ LOGIN_USER_LIMIT: '5' }).loginUserLimit).toBe(5);
    expect(problem({ LOGIN_USER_LIMIT: '0' })).toMatch(/LOGIN_USER_LIMIT/);
    expect(problem({ LOGIN_USER_LIMIT: 'lots' })).toMatch(/LOGIN_USER_LIMIT/);
  });

  it('takes both VAPID keys or neither, each a P-256 key, and a mailto: or https: subject', () => {
    const keys = webpush.generateVAPIDKeys();
    const both = { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey };
    expect(loadConfig(both).vapid).toEqual(keys);
    expect(loadConfig({}).vapid).toBeUndefined();
    expect(problem({ VAPID_PUBLIC_KEY: keys.publicKey })).toMatch(/VAPID_PRIVATE_KEY is required/);
    expect(problem({ VAPID_PRIVATE_KEY: keys.privateKey })).toMatch(/VAPID_PUBLIC_KEY is required/);
    expect(problem({ ...both, VAPID_PUBLIC_KEY: keys.privateKey })).toMatch(/VAPID_PUBLIC_KEY must be/);
    expect(problem({ ...both, VAPID_PRIVATE_KEY: 'not+base64url' })).toMatch(/VAPID_PRIVATE_KEY must be/);
    expect(loadConfig({}).vapidSubject).toBe('mailto:notifications@localhost');
    expect(loadConfig({ PUBLIC_URL: 'https://hub.example.org' }).vapidSubject).toBe(
      'https://hub.example.org',
    );
    expect(loadConfig({ VAPID_SUBJECT: 'mailto:ops@example.org' }).vapidSubject).toBe(
      'mailto:ops@example.org',
    );
    expect(problem({ VAPID_SUBJECT: 'http://example.org' })).toMatch(/VAPID_SUBJECT/);
    expect(loadConfig({}).pushAllowInsecureEndpoints).toBe(false);
  });

  it('keeps generated VAPID keys in the data folder; with PostgreSQL and none given, push is off', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vapid-'));
    try {
      const first = resolveVapidKeys(loadConfig({ DATA_DIR: dataDir }));
      expect(first?.publicKey).toMatch(/^[\w-]{87}$/);
      expect(resolveVapidKeys(loadConfig({ DATA_DIR: dataDir }))).toEqual(first);
      expect(fs.statSync(path.join(dataDir, 'vapid-keys.json')).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const postgres = { DATABASE_URL: 'postgresql://localhost/x', JWT_SECRET: SECRET };
    expect(resolveVapidKeys(loadConfig(postgres))).toBeUndefined();
    const keys = webpush.generateVAPIDKeys();
    expect(
      resolveVapidKeys(
        loadConfig({ ...postgres, VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey }),
      ),
    ).toEqual(keys);
  });
});
