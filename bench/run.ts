// `npm run bench`: the workload of the benchmark definition in one run. It seeds a throwaway
// PostgreSQL database with the CLI's seed-bench, starts the real server as a separate process
// (one process, then WORKERS=2), drives each load from this process, measures the ceiling route
// in the same run, samples the server's CPU and memory, runs the fan-outs and the many-streams
// test, then the same loads on the embedded database; prints the tables and writes them under
// bench/results/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readDataset, restoreUnread } from './lib/dataset.ts';
import { type EmailFanoutResult, measureEmailFanout, startSmtpSink } from './lib/email-fanout.ts';
import { measureFanout } from './lib/fanout.ts';
import { type LoadResult, type LoadSpec, runLoad } from './lib/load.ts';
import { createScratchDatabase, DEFAULT_ADMIN_URL, serverVersion } from './lib/postgres.ts';
import { buildServer, rssBytes, runCli, startServer } from './lib/processes.ts';
import {
  commit,
  emailFanoutTable,
  type FanoutResult,
  fanoutTable,
  loadTable,
  machine,
  memoryTable,
  type Report,
  streamTable,
  type TargetResult,
  writeReport,
} from './lib/report.ts';
import { measureRetention, type RetentionResult, retentionTable } from './lib/retention.ts';
import { measureStreams } from './lib/streams.ts';
import { mintTokens } from './lib/tokens.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    users: { type: 'string' },
    'per-user': { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    'skip-embedded': { type: 'boolean', default: false },
    'skip-postgres': { type: 'boolean', default: false },
    'skip-fanout': { type: 'boolean', default: false },
    'skip-email': { type: 'boolean', default: false },
    'email-only': { type: 'boolean', default: false },
    'retention-only': { type: 'boolean', default: false },
    'email-users': { type: 'string' },
    'email-workers': { type: 'string' },
    streams: { type: 'string' },
    'skip-streams': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`npm run bench -- [options]
  --quick              tiny data and seconds-long loads: checks that every part runs (CI)
  --only a,b           only these loads (ceiling is always measured): unread_count, recent, list,
                       list_unread, mark_read, mark_all_read
  --users U            users in the data set (default 10000)
  --per-user K         notifications per user (default 50)
  --duration S         seconds per load (default 20)
  --connections N      concurrent connections (default 64)
  --skip-embedded      PostgreSQL only
  --skip-postgres      the embedded database only
  --skip-fanout        no fan-out measurements (in-app and email)
  --skip-email         no email fan-out
  --email-only         the email fan-out alone (PostgreSQL)
  --retention-only     the retention job over 200,000 year-old notifications, both databases
  --email-users N      users the email fan-out reaches (default 100000)
  --email-workers a,b  server processes (WORKERS) it is measured with (default 1,2)
  --streams N          open event streams on one server process (default 10000; needs ulimit -n
                       above N)
  --skip-streams       no many-streams measurement
Environment: BENCH_POSTGRES_URL (default ${DEFAULT_ADMIN_URL}), where throwaway databases are created;
BENCH_SERVER_ARGS, Node options for the server processes (e.g. --cpu-prof --cpu-prof-dir=/tmp/p).`);
  process.exit(0);
}

const quick = args.quick;
const users = Number(args.users ?? (quick ? 200 : 10_000));
const perUser = Number(args['per-user'] ?? (quick ? 5 : 50));
const duration = Number(args.duration ?? (quick ? 2 : 20));
const warmup = quick ? 1 : 3;
/** Passes of mark-all-read over the load users (then their rows made unread again) before it is measured. */
const WRITE_WARMUP_PASSES = quick ? 1 : 3;
/** Seconds of the ceiling route just before and just after each other load, the base of its ratio. */
const CEILING_BESIDE_SECONDS = quick ? 1 : 5;
const IDLE_SETTLE_MS = quick ? 200 : 2000;
/** From ready to "at rest": V8's memory reducer has run (it waits 8 s after start-up's collections). */
const AT_REST_MS = quick ? 500 : 30_000;
const connections = Number(args.connections ?? 64);
const loadUsers = Math.min(1000, users);
const fanoutSizes = quick ? [] : [100_000, 1_000_000];
const emailFanoutUsers = Number(args['email-users'] ?? (quick ? users : 100_000));
const emailWorkers = (args['email-workers'] ?? '1,2').split(',');
/** The email fan-out fails rather than wait longer than this for its last email. */
const EMAIL_FANOUT_TIMEOUT_MS = 600_000;
const streamCount = Math.min(Number(args.streams ?? (quick ? 100 : 10_000)), users * 5);
const only = args.only ? new Set(args.only.split(',')) : undefined;
const adminUrl = process.env.BENCH_POSTGRES_URL ?? DEFAULT_ADMIN_URL;
const jwtSecret = 'bench-secret-bench-secret-bench-secret-0123';

const LOADS = [
  'ceiling',
  'unread_count',
  'recent',
  'list',
  'list_unread',
  'mark_read',
  'mark_all_read',
] as const;
type LoadName = (typeof LOADS)[number];
const BASE = '/api/communications/notifications';

function progress(message: string) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** The load specs for one server, over the data set's tokens. */
async function loadSpecs(secret: string, dataset: Awaited<ReturnType<typeof readDataset>>) {
  const loadTokens = await mintTokens(secret, dataset.users.slice(0, loadUsers));
  const allTokens = await mintTokens(secret, dataset.users);
  const unreadTokens = dataset.unread.map((u) => loadTokens[u.userIndex]!);
  const get = (name: LoadName, path: string): LoadSpec => ({
    name,
    path,
    tokens: loadTokens,
    connections,
    duration,
  });
  const specs: Record<LoadName, LoadSpec> = {
    ceiling: get('ceiling', '/api/ping/'),
    unread_count: get('unread_count', `${BASE}/unread-count/`),
    recent: get('recent', `${BASE}/recent/`),
    list: get('list', `${BASE}/`),
    list_unread: get('list_unread', `${BASE}/?unread=true`),
    mark_read: {
      name: 'mark_read',
      method: 'POST',
      path: (i) => `${BASE}/${dataset.unread[i % dataset.unread.length]!.id}/mark-read/`,
      tokens: unreadTokens,
      connections,
      // Each request marks a different unread row; there are as many as the users' unread rows.
      amount: dataset.unread.length,
    },
    mark_all_read: {
      name: 'mark_all_read',
      method: 'POST',
      path: `${BASE}/mark-all-read/`,
      tokens: allTokens,
      connections,
      amount: allTokens.length,
    },
  };
  // Before it is measured, each load runs its own route for a few seconds, so that its window
  // does not include compiling that route's code. The writes cannot run on the rows they will
  // measure, so they warm up on the rows of the users the reads rotate through and put them back
  // through the API: mark-read, or mark-all-read, then mark-unread of those rows (one request
  // each), so that the measured requests find every row unread as seeded. A warm-up on rows that
  // change nothing (the admin's) leaves the path that writes and publishes cold, and the measured
  // window would pay for compiling it (see the commit that added this warm-up).
  const restore: LoadSpec = {
    name: 'restore unread',
    method: 'POST',
    path: (i) => `${BASE}/${dataset.unread[i % dataset.unread.length]!.id}/mark-unread/`,
    tokens: unreadTokens,
    connections,
    amount: dataset.unread.length,
  };
  const markAllReadOfLoadUsers: LoadSpec = {
    ...specs.mark_all_read,
    tokens: loadTokens,
    amount: loadTokens.length,
  };
  // Mark-all-read is a button in the bell's panel: a user who presses it has just loaded the bell
  // with the same access token. Without this, each of the 10,000 measured requests brought a
  // token never seen before, the only load to pay for checking one (the ceiling and the other
  // loads rotate through 1,000 known tokens), and checking a token costs the server more CPU than
  // finding one it remembers (docs/performance.md).
  const openTheBell: LoadSpec = {
    ...specs.unread_count,
    name: 'open the bell',
    tokens: allTokens,
    amount: allTokens.length,
  };
  const warmupsOf = (name: LoadName): LoadSpec[] => {
    if (name === 'mark_read') return [specs.mark_read, restore];
    if (name === 'mark_all_read')
      return [
        ...Array.from({ length: WRITE_WARMUP_PASSES }, () => [markAllReadOfLoadUsers, restore]).flat(),
        openTheBell,
      ];
    return [{ ...specs[name], duration: warmup }];
  };
  return { specs, warmupsOf };
}

async function runTarget(
  target: string,
  env: Record<string, string>,
  secret: string,
  dataset: Awaited<ReturnType<typeof readDataset>>,
): Promise<TargetResult> {
  const { specs, warmupsOf } = await loadSpecs(secret, dataset);
  const server = await startServer(env);
  const pid = server.child.pid!;
  const loads: LoadResult[] = [];
  let idleRssMb = 0;
  let atRestRssMb = 0;
  try {
    // Idle: started and ready, a moment for start-up work (migrations, workers) to settle; then
    // at rest, once the process has given back what start-up used, as an idle server stays.
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    idleRssMb = rssBytes(pid) / 1048576;
    progress(`${target}: idle, waiting for it to come to rest`);
    await new Promise((resolve) => setTimeout(resolve, AT_REST_MS - IDLE_SETTLE_MS));
    atRestRssMb = rssBytes(pid) / 1048576;
    progress(`${target}: warming up`);
    await runLoad(server.baseUrl, pid, { ...specs.ceiling, duration: warmup });
    await runLoad(server.baseUrl, pid, { ...specs.list, duration: warmup });
    for (const name of LOADS) {
      if (only && name !== 'ceiling' && !only.has(name)) continue;
      progress(`${target}: ${name}`);
      for (const spec of warmupsOf(name)) await runLoad(server.baseUrl, pid, spec);
      if (name === 'ceiling') {
        loads.push(await runLoad(server.baseUrl, pid, specs.ceiling));
        continue;
      }
      // The base of this load's ratio: the ceiling route just before and just after it (report.ts).
      const ceilingBeside = { ...specs.ceiling, duration: CEILING_BESIDE_SECONDS };
      const before = await runLoad(server.baseUrl, pid, ceilingBeside);
      const result = await runLoad(server.baseUrl, pid, specs[name]);
      const after = await runLoad(server.baseUrl, pid, ceilingBeside);
      loads.push({ ...result, ceilingBesideRps: [before.rps, after.rps] });
    }
  } finally {
    await server.stop();
  }
  return { target, idleRssMb, atRestRssMb, loads };
}

async function fanoutOnPostgres(size: number): Promise<FanoutResult> {
  const scratch = await createScratchDatabase(adminUrl);
  try {
    progress(`fan-out ${size}: seeding ${size} users`);
    const env = { DATABASE_URL: scratch.url, JWT_SECRET: jwtSecret };
    await runCli(['seed-bench', '--users', String(size), '--per-user', '1'], env);
    const dataset = await readDataset({ databaseUrl: scratch.url }, 4);
    return await fanout(`postgres ${size}`, env, jwtSecret, dataset);
  } finally {
    await scratch.drop();
  }
}

/** An announcement emailed at once to every user, through a local SMTP server; one process, then two. */
async function emailFanoutsOnPostgres(size: number): Promise<EmailFanoutResult[]> {
  const results: EmailFanoutResult[] = [];
  for (const workers of emailWorkers) {
    const scratch = await createScratchDatabase(adminUrl);
    const sink = await startSmtpSink();
    try {
      progress(`email fan-out ${size}, WORKERS=${workers}: seeding ${size} users`);
      const env = { DATABASE_URL: scratch.url, JWT_SECRET: jwtSecret };
      await runCli(['seed-bench', '--users', String(size), '--per-user', '1'], env);
      const dataset = await readDataset({ databaseUrl: scratch.url }, 4);
      const [adminToken] = await mintTokens(jwtSecret, [dataset.admin]);
      const pollerTokens = await mintTokens(jwtSecret, dataset.users.slice(0, 4));
      const server = await startServer({
        ...env,
        WORKERS: workers,
        SMTP_URL: sink.url,
        MAIL_FROM: 'Webinars <notifications@bench.example>',
        PUBLIC_URL: 'https://webinars.bench.example',
      });
      try {
        progress(`email fan-out ${size}, WORKERS=${workers}: announcement emailed to every user`);
        results.push(
          await measureEmailFanout({
            target: `postgres, WORKERS=${workers}`,
            baseUrl: server.baseUrl,
            serverPid: server.child.pid!,
            adminToken: adminToken!,
            pollerTokens,
            users: dataset.users.length,
            sink,
            timeoutMs: EMAIL_FANOUT_TIMEOUT_MS,
          }),
        );
      } finally {
        await server.stop();
      }
    } finally {
      await sink.stop();
      await scratch.drop();
    }
  }
  return results;
}

async function fanout(
  target: string,
  env: Record<string, string>,
  secret: string,
  dataset: Awaited<ReturnType<typeof readDataset>>,
): Promise<FanoutResult> {
  const [adminToken] = await mintTokens(secret, [dataset.admin]);
  const [lastUserToken] = await mintTokens(secret, [dataset.users.at(-1)!]);
  const pollerTokens = await mintTokens(secret, dataset.users.slice(0, 4));
  const server = await startServer(env);
  try {
    // Warmed up like the loads: a fresh process (the embedded database's WebAssembly above all)
    // runs its first requests several times slower.
    progress(`${target}: warming up`);
    await runLoad(server.baseUrl, server.child.pid!, {
      name: 'warm-up',
      path: '/api/communications/notifications/',
      tokens: pollerTokens,
      connections: 8,
      duration: warmup,
    });
    progress(`${target}: announcement to every user`);
    return await measureFanout({
      target,
      baseUrl: server.baseUrl,
      adminToken: adminToken!,
      lastUserToken: lastUserToken!,
      pollerTokens,
      users: dataset.users.length,
    });
  } finally {
    await server.stop();
  }
}

/** N event streams on one server process (the data set's users in turn), then announcements. */
async function streamsOn(
  target: string,
  env: Record<string, string>,
  secret: string,
  dataset: Awaited<ReturnType<typeof readDataset>>,
): Promise<Report['streams'][number]> {
  const tokens = await mintTokens(secret, dataset.users);
  const [adminToken] = await mintTokens(secret, [dataset.admin]);
  const server = await startServer({ ...env, WORKERS: '1' });
  try {
    progress(`${target}: ${streamCount} live streams`);
    const result = await measureStreams({
      baseUrl: server.baseUrl,
      serverPid: server.child.pid!,
      tokens,
      adminToken: adminToken!,
      databaseUrl: env.DATABASE_URL,
      streams: streamCount,
      concurrency: 200,
      progress: (message) => progress(`${target}: ${message}`),
    });
    return { target, ...result };
  } finally {
    await server.stop();
  }
}

/** PostgreSQL: the loads on one server process, then two; the fan-outs; the streams. */
async function onPostgres(
  targets: TargetResult[],
  fanouts: FanoutResult[],
  streams: Report['streams'],
  emails: EmailFanoutResult[],
): Promise<string> {
  let postgresVersion = 'not measured';
  const scratch = await createScratchDatabase(adminUrl);
  try {
    postgresVersion = await serverVersion(scratch.url);
    const env = { DATABASE_URL: scratch.url, JWT_SECRET: jwtSecret };
    progress(`seeding ${users} users × ${perUser} notifications on PostgreSQL`);
    await runCli(['seed-bench', '--users', String(users), '--per-user', String(perUser)], env);
    const dataset = await readDataset({ databaseUrl: scratch.url }, loadUsers);
    targets.push(await runTarget('postgres, 1 process', { ...env, WORKERS: '1' }, jwtSecret, dataset));
    await restoreUnread(scratch.url, perUser);
    targets.push(await runTarget('postgres, WORKERS=2', { ...env, WORKERS: '2' }, jwtSecret, dataset));
    if (!args['skip-fanout']) fanouts.push(await fanout(`postgres ${users}`, env, jwtSecret, dataset));
    if (!args['skip-streams']) streams.push(await streamsOn('postgres, 1 process', env, jwtSecret, dataset));
  } finally {
    await scratch.drop();
  }
  if (!args['skip-fanout']) for (const size of fanoutSizes) fanouts.push(await fanoutOnPostgres(size));
  if (!args['skip-fanout'] && !args['skip-email'])
    emails.push(...(await emailFanoutsOnPostgres(emailFanoutUsers)));
  return postgresVersion;
}

/** The retention job on each database, printed (it writes no report). */
async function retentionOnly(): Promise<void> {
  const results: RetentionResult[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-retention-'));
  try {
    progress('retention on the embedded database');
    results.push(await measureRetention('embedded', { dataDir }, 200_000, 50_000));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const scratch = await createScratchDatabase(adminUrl);
  try {
    progress('retention on PostgreSQL');
    results.push(await measureRetention('postgres', { databaseUrl: scratch.url }, 200_000, 50_000));
  } finally {
    await scratch.drop();
  }
  console.log(`\n${retentionTable(results)}\n`);
}

async function main() {
  if (args['retention-only']) return retentionOnly();
  const started = Date.now();
  await buildServer();
  const targets: TargetResult[] = [];
  const fanouts: FanoutResult[] = [];
  const streams: Report['streams'] = [];
  const emails: EmailFanoutResult[] = [];
  let postgresVersion = 'not measured';

  if (args['email-only']) emails.push(...(await emailFanoutsOnPostgres(emailFanoutUsers)));
  else if (!args['skip-postgres']) postgresVersion = await onPostgres(targets, fanouts, streams, emails);

  // The embedded database, same data set.
  if (!args['skip-embedded'] && !args['email-only']) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-embedded-'));
    try {
      const env = { DATA_DIR: dataDir, SEED_DEMO: 'false', JWT_SECRET: jwtSecret };
      progress(`seeding ${users} users × ${perUser} notifications on the embedded database`);
      await runCli(['seed-bench', '--users', String(users), '--per-user', String(perUser)], env);
      const dataset = await readDataset({ dataDir }, loadUsers);
      if (!args['skip-fanout']) fanouts.push(await fanout(`embedded ${users}`, env, jwtSecret, dataset));
      targets.push(await runTarget('embedded, 1 process', env, jwtSecret, dataset));
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const report: Report = {
    date: new Date().toISOString(),
    commit: commit(),
    machine: machine(postgresVersion),
    settings: {
      users,
      perUser,
      duration,
      connections,
      loadUsers,
      streams: streamCount,
      idleAfterMs: IDLE_SETTLE_MS,
      atRestAfterMs: AT_REST_MS,
      quick,
    },
    targets,
    fanouts,
    emails,
    streams,
    extra: { totalSeconds: Math.round((Date.now() - started) / 1000) },
  };
  const tables = [
    loadTable(targets),
    memoryTable(targets),
    fanoutTable(fanouts),
    emailFanoutTable(emails),
    streamTable(streams),
  ];
  // A table with no rows (a part skipped) is its two header lines only.
  console.log(`\n${tables.filter((table) => table.split('\n').length > 2).join('\n\n')}\n`);
  const written = writeReport(report);
  console.log(
    `Written to ${path.relative(process.cwd(), written.markdown)} and ${path.relative(process.cwd(), written.json)}`,
  );
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
