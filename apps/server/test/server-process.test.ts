// The server as an operator runs it: `npm start`'s entry point in a child process, on a fresh
// embedded data folder.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDataFolder, usePostgres } from './helpers/database.ts';
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

const STACK_FRAME = /\n\s+at /;

/** The output of a server that must refuse to start: exit code 1, at most two lines, no stack. */
async function refusedStart(server: ServerProcess): Promise<string> {
  expect(await server.exited).toBe(1);
  const output = server.output().trim();
  expect(output).not.toMatch(STACK_FRAME);
  expect(output.split('\n').length).toBeLessThanOrEqual(2);
  return output;
}

describe.skipIf(usePostgres)('start-up failures on an embedded database', () => {
  let tmp: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'webinar-startup-'));
  });

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a DATA_DIR that cannot be written is named, with what to do', async () => {
    const file = path.join(tmp, 'not-a-folder');
    fs.writeFileSync(file, '');
    const output = await refusedStart(startServer(path.join(file, 'data')));
    expect(output).toMatch(/DATA_DIR/);
    expect(output).toMatch(/cannot be written/);
  }, 60_000);

  it.skipIf(process.getuid?.() === 0)(
    'a read-only DATA_DIR is named, with what to do',
    async () => {
      const readOnly = path.join(tmp, 'read-only');
      fs.mkdirSync(readOnly, { mode: 0o555 });
      const output = await refusedStart(startServer(readOnly));
      expect(output).toMatch(/DATA_DIR/);
    },
    60_000,
  );

  it('a port in use is named before the database is opened', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    const dataDir = path.join(tmp, 'never-opened');
    try {
      const server = spawnServer({ DATA_DIR: dataDir, DATABASE_URL: '', JWT_SECRET: '', PORT: String(port) });
      const output = await refusedStart(server);
      expect(output).toMatch(new RegExp(`PORT ${port} is already in use`));
      // Found first: the data folder was never created, let alone migrated and seeded.
      expect(fs.existsSync(dataDir)).toBe(false);
    } finally {
      taken.close();
    }
  }, 60_000);

  it('a lock file left with the pid of a live, unrelated process does not block start-up', async () => {
    const dataDir = await migratedDataFolder();
    // As a crashed server left it, its pid since reused: this test runner is alive, and started
    // at another time than the lock records.
    fs.writeFileSync(
      path.join(dataDir, 'server.lock'),
      JSON.stringify({ pid: process.pid, started: 'an-earlier-boot/12345' }),
    );
    const server = spawnServer({ DATA_DIR: dataDir, DATABASE_URL: '', JWT_SECRET: '', SEED_DEMO: 'false' });
    try {
      await waitFor(
        () => (/listening on/.test(server.output()) || server.child.exitCode !== null ? true : undefined),
        90_000,
        'the server to listen or exit',
      );
      expect(server.output()).toMatch(/listening on/);
      const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'server.lock'), 'utf8'));
      expect(lock.pid).toBe(server.child.pid);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
