// How fast one announcement reaches every user's browser by web push: `npx tsx bench/push-rate.ts
// [--users 5000] [--workers 1]`. The built server on a scratch PostgreSQL database, every bench user
// with one subscribed browser whose endpoint is a push service on 127.0.0.1 (in this process: it
// accepts each message with 201 after checking it carries a VAPID authorization and an encrypted
// body), announcements pushed at once. Reports the request's time, the time to the last push,
// pushes per second and the server's CPU per push.
import { createECDH, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import webpush from 'web-push';
import { readDataset } from './lib/dataset.ts';
import { createScratchDatabase, DEFAULT_ADMIN_URL, query } from './lib/postgres.ts';
import { buildServer, cpuMs, runCli, startServer } from './lib/processes.ts';
import { mintTokens } from './lib/tokens.ts';

const { values: args } = parseArgs({
  options: { users: { type: 'string', default: '5000' }, workers: { type: 'string', default: '1' } },
});
const users = Number(args.users);
const jwtSecret = 'bench-secret-bench-secret-bench-secret-0123';
const TIMEOUT_MS = 600_000;

let received = 0;
let refused = 0;
let firstAt = 0;
let lastAt = 0;
const sink = createServer((request, response) => {
  let bytes = 0;
  request.on('data', (chunk: Buffer) => (bytes += chunk.length));
  request.on('end', () => {
    const good =
      /^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/.test(request.headers.authorization ?? '') &&
      request.headers['content-encoding'] === 'aes128gcm' &&
      bytes > 0;
    if (!good) refused++;
    else {
      received++;
      lastAt = Date.now();
      firstAt ||= lastAt;
    }
    response.writeHead(good ? 201 : 400).end();
  });
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
const sinkOrigin = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;

await buildServer();
const scratch = await createScratchDatabase(process.env.BENCH_POSTGRES_URL ?? DEFAULT_ADMIN_URL);
try {
  const env = { DATABASE_URL: scratch.url, JWT_SECRET: jwtSecret };
  await runCli(['seed-bench', '--users', String(users), '--per-user', '1'], env);
  const dataset = await readDataset({ databaseUrl: scratch.url }, 1);
  const browser = createECDH('prime256v1');
  browser.generateKeys();
  await query(
    scratch.url,
    `insert into push_subscriptions (user_id, endpoint, p256dh, auth, device_label)
      select id, $1 || '/push/' || id, $2, $3, 'Bench browser' from users where username ~ '^user[0-9]{5,}$'`,
    [sinkOrigin, browser.getPublicKey().toString('base64url'), randomBytes(16).toString('base64url')],
  );
  const vapid = webpush.generateVAPIDKeys();
  const server = await startServer({
    ...env,
    WORKERS: args.workers as string,
    PUBLIC_URL: 'https://webinars.bench.example',
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    PUSH_ALLOW_INSECURE_ENDPOINTS: 'true',
  });
  try {
    const [adminToken] = await mintTokens(jwtSecret, [dataset.admin]);
    const asAdmin = async (method: string, path: string, body: object) => {
      const response = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<Record<string, unknown>>;
    };
    await asAdmin('PUT', '/api/admin/delivery-policies/announcement/push/', { timing: 'immediate' });
    const cpuBefore = cpuMs(server.child.pid as number);
    const startedAt = Date.now();
    await asAdmin('POST', '/api/communications/announcements/', {
      title: `Bench push fan-out ${startedAt}`,
      content: 'Measuring how fast one announcement reaches every browser.',
    });
    const requestMs = Date.now() - startedAt;
    const expected = dataset.users.length;
    while (received + refused < expected) {
      if (Date.now() - startedAt > TIMEOUT_MS)
        throw new Error(`only ${received} of ${expected} pushes arrived`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const serverCpu = cpuMs(server.child.pid as number) - cpuBefore;
    const result = {
      users: expected,
      workers: Number(args.workers),
      pushes: received,
      refused,
      requestMs,
      lastPushMs: lastAt - startedAt,
      pushesPerSecond: Math.round((received - 1) / Math.max(0.001, (lastAt - firstAt) / 1000)),
      serverCpuMsPerPush: Number((serverCpu / Math.max(1, received)).toFixed(2)),
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await server.stop();
  }
} finally {
  await scratch.drop();
  sink.close();
}
