// Start-up on PostgreSQL as operators meet it: a server that cannot be reached or lacks the
// database stops at once with one line naming DATABASE_URL, and demo seeding happens exactly once
// however many processes start together.
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../helpers/app.ts';
import {
  createPostgresDatabase,
  databaseUrlFor,
  postgresAdminUrl,
  usePostgres,
} from '../helpers/database.ts';
import { type ServerProcess, spawnServer, waitFor } from '../helpers/server-process.ts';

const STACK_FRAME = /\n\s+at /;

function start(env: Record<string, string>): ServerProcess {
  return spawnServer({ JWT_SECRET: TEST_SECRET, REMINDER_INTERVAL: '0', WEB_DIST: '/nonexistent', ...env });
}

async function refusedStart(server: ServerProcess): Promise<string> {
  expect(await server.exited).toBe(1);
  const output = server.output().trim();
  expect(output).not.toMatch(STACK_FRAME);
  expect(output.split('\n').length).toBeLessThanOrEqual(2);
  expect(output).toMatch(/DATABASE_URL/);
  return output;
}

async function stop(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await server.exited;
}

/** Waits until the server listens (or fails, showing its output). */
async function listening(server: ServerProcess, count = 1): Promise<void> {
  const state = await waitFor(
    () =>
      (server.output().match(/listening on/g)?.length ?? 0) >= count
        ? 'listening'
        : server.child.exitCode !== null
          ? 'exited'
          : undefined,
    90_000,
    'the server to listen',
  );
  if (state === 'exited') throw new Error(`the server exited:\n${server.output()}`);
}

describe.skipIf(!usePostgres)('start-up failures on PostgreSQL', () => {
  it('a server that refuses the connection is named, with what to do', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const output = await refusedStart(start({ DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/app` }));
    expect(output).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}`));
    expect(output).toMatch(/connection refused/);
  }, 60_000);

  it('a host that never answers times out after PGCONNECT_TIMEOUT and says so', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const output = await refusedStart(
        start({ DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/app`, PGCONNECT_TIMEOUT: '1' }),
      );
      expect(output).toMatch(/timed out after 1 s/);
      expect(output).toMatch(/PGCONNECT_TIMEOUT/);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  }, 60_000);

  it('a missing database is named, with how to create it', async () => {
    const url = databaseUrlFor(postgresAdminUrl, 'no_such_database_here');
    const output = await refusedStart(start({ DATABASE_URL: url }));
    expect(output).toMatch(/"no_such_database_here" does not exist/);
    expect(output).toMatch(/createdb .*no_such_database_here/);
  }, 60_000);
});

describe.skipIf(!usePostgres)('demo seeding on PostgreSQL', () => {
  let created: { url: string; drop(): Promise<void> };
  let workersDb: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    created = await createPostgresDatabase();
    workersDb = await createPostgresDatabase();
  });

  afterAll(async () => {
    await created?.drop();
    await workersDb?.drop();
  });

  async function usernames(url: string): Promise<string[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ username: string }>(
        'select username from users order by username',
      );
      return rows.map((row) => row.username);
    } finally {
      await client.end();
    }
  }

  async function announcements(url: string): Promise<number> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('select count(*)::int as n from announcements');
      return rows[0]?.n ?? -1;
    } finally {
      await client.end();
    }
  }

  it('two servers seeding one new database at once both start, and the demo exists once', async () => {
    const env = { DATABASE_URL: created.url, SEED_DEMO: 'true' };
    const servers = [start(env), start(env)];
    try {
      await Promise.all(servers.map((server) => listening(server)));
      const seeded = servers.filter((server) => /seeded the demo/.test(server.output()));
      expect(seeded).toHaveLength(1);
      expect(await usernames(created.url)).toEqual(['admin', 'alice', 'bob', 'carol', 'host']);
      expect(await announcements(created.url)).toBe(1);
    } finally {
      await Promise.all(servers.map(stop));
    }
  }, 180_000);

  it('WORKERS=2 with SEED_DEMO=true seeds the demo once', async () => {
    const server = start({ DATABASE_URL: workersDb.url, SEED_DEMO: 'true', WORKERS: '2' });
    try {
      await listening(server, 2);
      expect(server.output().match(/seeded the demo/g)).toHaveLength(1);
      expect(await usernames(workersDb.url)).toEqual(['admin', 'alice', 'bob', 'carol', 'host']);
    } finally {
      await stop(server);
    }
  }, 180_000);
});
