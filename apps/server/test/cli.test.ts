// The command line as operators run it: a child process per command, on one embedded data folder
// (or, with TEST_DATABASE=postgres, one throwaway PostgreSQL database) shared by the tests in order,
// because every open of a fresh embedded folder costs seconds.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NOTIFICATION_TYPES } from '@webinar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../src/auth/tokens.ts';
import { renderProgress } from '../src/cli/progress.ts';
import { systemClock } from '../src/clock.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { createPostgresDatabase, usePostgres } from './helpers/database.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const JWT_SECRET = 'cli-test-secret-that-is-long-enough-0123456789';
const SLOW = 60_000;
const STACK_FRAME = /\n\s+at /;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

type Env = Record<string, string>;

let dataDir: string;
let databaseUrl: string | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
let env: Env;

function runCli(args: string[], extraEnv: Env = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/webinar-notify.js', ...args],
      { cwd: SERVER_DIR, env: { ...process.env, ...env, ...extraEnv } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Opens the database the CLI used; only between CLI runs, since it takes the folder's lock. */
async function withDb<T>(work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

function jwtPayload(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-test-'));
  if (usePostgres) {
    const created = await createPostgresDatabase();
    databaseUrl = created.url;
    dropDatabase = created.drop;
    env = { DATABASE_URL: created.url, JWT_SECRET };
  } else {
    // Empty values count as unset, so a developer's own DATABASE_URL cannot leak into the test.
    env = { DATA_DIR: dataDir, DATABASE_URL: '', JWT_SECRET: '' };
  }
});

afterAll(async () => {
  await dropDatabase?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the command line', () => {
  it('lists every command in --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of [
      'migrate',
      'create-user',
      'set-password',
      'set-role',
      'delete-user',
      'token',
      'notify',
      'seed-demo',
      'seed-bench',
    ]) {
      expect(result.stdout).toContain(command);
    }
  });

  it('migrates a new database and names the migrations it ran', { timeout: SLOW }, async () => {
    const result = await runCli(['migrate']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Applied \d+ migration/);
    expect(result.stdout).toContain('2026_11_25_0001_foundation');
  });

  let aliceId = 0;
  let hankId = 0;

  it('creates users, then signs a token for one with the server secret', { timeout: SLOW }, async () => {
    const alice = await runCli([
      'create-user',
      '--username',
      'alice',
      '--password',
      'secret-pw',
      '--role',
      'student',
    ]);
    expect(alice.code).toBe(0);
    aliceId = Number(/Created student alice \(id (\d+)\)/.exec(alice.stdout)?.[1]);
    const hank = await runCli([
      'create-user',
      '--username',
      'hank',
      '--password',
      'secret-pw',
      '--role',
      'host',
    ]);
    expect(hank.code).toBe(0);
    hankId = Number(/Created host hank \(id (\d+)\)/.exec(hank.stdout)?.[1]);

    const result = await runCli(['token', '--username', 'alice']);
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    expect(jwtPayload(token)).toMatchObject({ user_id: aliceId, role: 'student', token_type: 'access' });
    const secret = usePostgres
      ? JWT_SECRET
      : fs.readFileSync(path.join(dataDir, 'jwt-secret'), 'utf8').trim();
    const tokens = createTokenService(secret, { access: 300, refresh: 3600 }, systemClock);
    expect(await tokens.verify(token, 'access')).toMatchObject({
      userId: aliceId,
      role: 'student',
      type: 'access',
      authVersion: 0,
    });
  });

  it('notifies everyone and says how many notifications it created', { timeout: SLOW }, async () => {
    const title = 'Maintenance tonight';
    const result = await runCli([
      'notify',
      '--all',
      '--type',
      'system',
      '--title',
      title,
      '--content',
      'The platform is down from 22:00.',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created 2 notifications.');

    const rows = await withDb(({ db }) =>
      db
        .selectFrom('notifications')
        .select(['user_id', 'notification_type'])
        .where('title', '=', title)
        .execute(),
    );
    expect(rows.map((r) => r.user_id).sort((a, b) => a - b)).toEqual([aliceId, hankId].sort((a, b) => a - b));
    expect(new Set(rows.map((r) => r.notification_type))).toEqual(new Set(['system']));
  });

  it('refuses a notification to an unknown user or webinar, or with too long a title, in one line', {
    timeout: SLOW,
  }, async () => {
    const notify = (title: string, ...recipients: string[]) =>
      runCli(['notify', ...recipients, '--type', 'system', '--title', title, '--content', 'Refused.']);
    const refusals = [
      [await notify('Refused', '--user', 'nobody'), 'error: There is no user named nobody.'],
      [
        await notify('Refused', '--all', '--webinar', '2147483647'),
        'error: There is no webinar with id 2147483647.',
      ],
      [await notify('x'.repeat(201), '--all'), 'error: The title is 201 characters long; at most 200 fit.'],
    ] as const;
    for (const [result, message] of refusals) {
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(message);
    }
    const refused = await withDb(({ db }) =>
      db.selectFrom('notifications').select('id').where('content', '=', 'Refused.').execute(),
    );
    expect(refused).toEqual([]);
  });

  it('rejects a bad role and a duplicate user with one line and exit code 1', { timeout: SLOW }, async () => {
    const badRole = await runCli([
      'create-user',
      '--username',
      'x1',
      '--password',
      'secret-pw',
      '--role',
      'boss',
    ]);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/--role.*'boss' is invalid.*student, host, admin/);
    expect(badRole.stderr).not.toMatch(STACK_FRAME);

    const duplicate = await runCli([
      'create-user',
      '--username',
      'alice',
      '--password',
      'secret-pw',
      '--role',
      'host',
    ]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr.trim()).toBe('error: A user named alice already exists.');
  });

  it('changes a password and a role, and deletes a user, refusing a host of webinars', {
    timeout: 3 * SLOW,
  }, async () => {
    const alice = (db: DatabaseHandle['db']) =>
      db
        .selectFrom('users')
        .select(['role', 'auth_version', 'password_hash'])
        .where('username', '=', 'alice')
        .executeTakeFirst();
    const before = await withDb(async ({ db }) => {
      await db
        .insertInto('webinars')
        .values({ title: 'Kept', description: '', host_id: hankId, starts_at: new Date() })
        .execute();
      return alice(db);
    });
    const password = await runCli(['set-password', '--username', 'alice', '--password', 'another-pw']);
    expect(password.stderr).toBe('');
    expect(password.code).toBe(0);
    expect((await runCli(['set-role', '--username', 'alice', '--role', 'host'])).code).toBe(0);
    const after = await withDb(({ db }) => alice(db));
    // A new hash, and a new token version: tokens issued before are refused from now on.
    expect(after?.password_hash).not.toBe(before?.password_hash);
    expect(after?.auth_version).toBe((before?.auth_version ?? 0) + 1);
    expect(after?.role).toBe('host');

    const refused = await runCli(['delete-user', '--username', 'hank']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      'error: This user hosts webinars: delete them or give them another host first.',
    );
    expect((await runCli(['delete-user', '--username', 'alice'])).code).toBe(0);
    await withDb(async ({ db }) => {
      expect(await alice(db)).toBeUndefined();
      const rows = await db.selectFrom('notifications').select('id').where('user_id', '=', aliceId).execute();
      expect(rows).toEqual([]);
      const hank = await db.selectFrom('users').select('id').where('id', '=', hankId).executeTakeFirst();
      expect(hank).toBeDefined();
    });
  });

  it('reports a configuration error without a stack trace', async () => {
    const result = await runCli(['migrate'], { DATABASE_URL: 'mysql://localhost/x' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL must start with postgres://');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it('loads the benchmark data set in the specified order', { timeout: SLOW }, async () => {
    const users = 50;
    const perUser = 10;
    const result = await runCli(['seed-bench', '--users', String(users), '--per-user', String(perUser)]);
    expect(result.stderr).toContain('100% 500/500 rows');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('500 notifications (100 unread)');
    expect(result.stdout).toContain('bench-password');

    const rows = await withDb(({ db }) =>
      db
        .selectFrom('notifications as n')
        .innerJoin('users as u', 'u.id', 'n.user_id')
        .select([
          'n.id',
          'u.username',
          'n.notification_type',
          'n.webinar_id',
          'n.is_read',
          'n.read_at',
          'n.created_at',
        ])
        .where('u.username', 'like', 'user%')
        .orderBy('n.id')
        .execute(),
    );
    expect(rows).toHaveLength(users * perUser);
    expect(rows.filter((r) => !r.is_read)).toHaveLength((users * perUser) / 5);
    // Everybody's oldest first: the first slice of the table holds one row of every user.
    expect(new Set(rows.slice(0, users).map((r) => r.username)).size).toBe(users);
    // Inserted in time order over all users.
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.created_at.getTime()).toBeGreaterThanOrEqual(rows[i - 1]!.created_at.getTime());
    }

    const slotMs = (30 * 86_400_000) / perUser;
    for (let u = 1; u <= users; u++) {
      const own = rows.filter((r) => r.username === `user${String(u).padStart(5, '0')}`);
      expect(own).toHaveLength(perUser);
      own.forEach((row, j) => {
        expect(row.notification_type).toBe(NOTIFICATION_TYPES[j % 7]);
        expect(row.is_read).toBe(j < perUser - perUser / 5);
        expect(row.read_at?.getTime() ?? null).toBe(row.is_read ? row.created_at.getTime() : null);
        const aboutWebinar = !['announcement', 'system'].includes(row.notification_type);
        expect(row.webinar_id !== null).toBe(aboutWebinar);
        if (j > 0) expect(row.created_at.getTime() - own[j - 1]!.created_at.getTime()).toBe(slotMs);
      });
    }
  });

  it.skipIf(usePostgres)('refuses to run while the data folder is in use', async () => {
    const lockedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-locked-'));
    try {
      // This test process is alive, so its pid holds the lock like a running server would.
      fs.writeFileSync(path.join(lockedDir, 'server.lock'), String(process.pid));
      const result = await runCli(['migrate'], { DATA_DIR: lockedDir });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: The data folder .* is in use by another process/);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(fs.readFileSync(path.join(lockedDir, 'server.lock'), 'utf8')).toBe(String(process.pid));
    } finally {
      fs.rmSync(lockedDir, { recursive: true, force: true });
    }
  });

  it('draws the progress bar', () => {
    expect(renderProgress(225_000, 500_000, 10)).toBe('[#####.....] 45% 225000/500000 rows');
  });
});
