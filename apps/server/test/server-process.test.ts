// The server as an operator runs it: `npm start`'s entry point in a child process, on a fresh
// embedded data folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePostgres } from './helpers/database.ts';
import { type ServerProcess, spawnServer, waitFor } from './helpers/server-process.ts';

type Started = ServerProcess;

function startServer(dataDir: string): Started {
  return spawnServer({ DATA_DIR: dataDir, DATABASE_URL: '', JWT_SECRET: '' });
}

describe.skipIf(usePostgres)('the server process on an embedded database', () => {
  let dataDir: string;
  let first: Started;
  let baseUrl: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'webinar-server-'));
    first = startServer(dataDir);
    baseUrl = await waitFor(
      () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(first.output())?.[1],
      60_000,
      'the server to listen',
    );
  }, 90_000);

  afterAll(() => {
    first.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts migrated and seeded: a demo student signs in and has unread notifications', async () => {
    expect(first.output()).toMatch(/seeded the demo/);
    const token = await fetch(`${baseUrl}/api/auth/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'webinar123' }),
    });
    expect(token.status).toBe(200);
    const { access } = (await token.json()) as { access: string };
    const count = await fetch(`${baseUrl}/api/communications/notifications/unread-count/`, {
      headers: { authorization: `Bearer ${access}` },
    });
    expect(((await count.json()) as { unread_count: number }).unread_count).toBeGreaterThan(0);
  });

  it('serves health checks, the OpenAPI description and its browsable docs', async () => {
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);
    const spec = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(spec.paths)).toContain('/api/communications/notifications/unread-count/');
    expect((await fetch(`${baseUrl}/api/docs/`)).status).toBe(200);
  });

  it('refuses a second server on the same data folder, with a message that says why', async () => {
    const second = startServer(dataDir);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by another process/);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
  }, 60_000);

  it('stops cleanly on SIGTERM: exit code 0 and the data folder unlocked', async () => {
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'server.lock'))).toBe(false);
  }, 30_000);
});
