import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

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
    const config = loadConfig({ ACCESS_TOKEN_TTL: '10m', REFRESH_TOKEN_TTL: '2d' });
    expect(config.accessTokenTtlSeconds).toBe(600);
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
    expect(problem({ SHUTDOWN_TIMEOUT: 'soon' })).toMatch(/SHUTDOWN_TIMEOUT/);
    expect(problem({ SHUTDOWN_TIMEOUT: '0' })).toMatch(/SHUTDOWN_TIMEOUT/);
  });

  it('requires a shared JWT secret with PostgreSQL', () => {
    expect(problem({ DATABASE_URL: 'postgresql://localhost/x' })).toMatch(/JWT_SECRET is required/);
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/x', JWT_SECRET: SECRET }).seedDemo).toBe(false);
  });
});
