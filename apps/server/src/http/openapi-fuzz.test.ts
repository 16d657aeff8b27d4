// Fuzzes every operation of the server's own OpenAPI description: for anonymous, a student, a
// host and an admin (bearer tokens and cookie sessions), a valid request and the same request
// with each parameter and body property in turn made hostile, then random cases up to
// FUZZ_REQUESTS. No answer may be a 5xx; each must have a status its operation documents and a
// body that fits the documented schema; a request that must be refused must be. The requests
// come from a seeded PRNG: FUZZ_SEED=<n> replays a run.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/helpers/app.ts';
import {
  buildCase,
  type Fixtures,
  type FuzzCase,
  type FuzzRequest,
  mutationsOf,
} from '../../test/helpers/fuzz/fuzz-cases.ts';
import {
  FORGED_TOKEN,
  type SenderEntry,
  seedFuzzWorld,
  UNKNOWN_SESSION,
} from '../../test/helpers/fuzz/fuzz-world.ts';
import { checkResponse, type Operation, operationsOf } from '../../test/helpers/fuzz/openapi-operations.ts';
import { Prng } from '../../test/helpers/fuzz/prng.ts';

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const STREAM_PATH = '/api/communications/notifications/stream/';

interface Failure {
  key: string;
  method: string;
  route: string;
  cause: string;
  problem: string;
  example: string;
}

let ctx: TestContext;
let operations: Operation[];
let fixtures: Fixtures;
let senders: Map<string, SenderEntry>;
let streamBase: string;
/** Operations that anyone may call (sign-in, health): a cookie without its CSRF token is fine there. */
const publicOperations = new Set<Operation>();

beforeAll(async () => {
  // Sign-in is fuzzed like the rest: its rate limits would answer 429 to most of it.
  ctx = await createTestContext({ loginRateLimit: 1_000_000, loginUserLimit: 1_000_000 });
  const document = (await ctx.app.inject({ url: '/api/openapi.json' })).json();
  operations = operationsOf(document);
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  streamBase = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;

  ({ fixtures, senders } = await seedFuzzWorld(ctx));

  for (const operation of operations) {
    const url = operation.path.replace(/\{\w+\}/g, '1');
    const response = await send(operation, { method: operation.method, url, headers: {} });
    if (response.status !== 401) publicOperations.add(operation);
  }
}, 120_000);
afterAll(() => ctx?.close());

interface Answer {
  status: number;
  contentType: string | undefined;
  body: string;
}

/** The stream never ends by itself: it goes over a socket, read up to its headers when it is one. */
function sendOverSocket(request: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(`${streamBase}${request.url}`, {
      method: request.method,
      headers: request.headers,
    });
    outgoing.on('error', reject);
    outgoing.on('response', (incoming) => {
      const contentType = incoming.headers['content-type'];
      if (contentType?.startsWith('text/event-stream')) {
        incoming.destroy();
        resolve({ status: incoming.statusCode ?? 0, contentType, body: '' });
        return;
      }
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode ?? 0, contentType, body: Buffer.concat(chunks).toString() }),
      );
    });
    outgoing.end(request.payload);
  });
}

async function send(operation: Operation, request: FuzzRequest): Promise<Answer> {
  if (operation.path === STREAM_PATH) return sendOverSocket(request);
  const response = await ctx.app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: request.headers,
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
  });
  return {
    status: response.statusCode,
    contentType: response.headers['content-type'] as string,
    body: response.body,
  };
}

function problemsOf(fuzzCase: FuzzCase, answer: Answer): string[] {
  const { operation } = fuzzCase;
  if (answer.status >= 500) return [`status ${answer.status}`];
  const problems: string[] = [];
  if (operation.path === STREAM_PATH && answer.status === 200) {
    if (!answer.contentType?.startsWith('text/event-stream'))
      problems.push('the stream is not text/event-stream');
    const documented = operation.responses.get(200);
    if (!documented) problems.push('undocumented status 200');
    else if (!documented.contentTypes.includes('text/event-stream'))
      problems.push('the 200 does not document text/event-stream');
  } else {
    problems.push(...checkResponse(operation, answer.status, answer.contentType, answer.body));
  }
  if (fuzzCase.refuse && !fuzzCase.refuse.includes(answer.status)) {
    problems.push(
      answer.status < 400
        ? `accepted with ${answer.status}`
        : `refused with ${answer.status}, not ${fuzzCase.refuse.join('/')}`,
    );
  }
  return problems;
}

function describeExchange(fuzzCase: FuzzCase, answer: Answer): string {
  const { request } = fuzzCase;
  const payload =
    request.payload === undefined
      ? ''
      : Buffer.isBuffer(request.payload)
        ? ` body(bytes)=${request.payload.toString('hex').slice(0, 400)}`
        : ` body=${request.payload.slice(0, 400)}`;
  return `${request.method} ${request.url.slice(0, 300)} as ${fuzzCase.sender.name} headers=${JSON.stringify(
    Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !/authorization|cookie|csrf/.test(name)),
    ),
  ).slice(0, 300)}${payload}\n  → ${answer.status} ${answer.contentType ?? ''} ${answer.body.slice(0, 400)}`;
}

/** The sender's credentials on the request, and what a cookie without its CSRF token must get. */
async function withSender(fuzzCase: FuzzCase): Promise<FuzzCase> {
  let { headers } = senders.get(fuzzCase.sender.name) as { headers: Record<string, string> };
  const signedIn = headers.cookie && fuzzCase.sender.user && fuzzCase.sender.name !== UNKNOWN_SESSION;
  if (fuzzCase.operation.path === '/api/auth/logout/' && signedIn && fuzzCase.sender.user) {
    // Signing out ends the session: sign out of a session of its own, not the one the fuzz reuses.
    const session = await ctx.signIn(fuzzCase.sender.user.username);
    const cookie = Object.entries(session.cookies)
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    headers = {
      ...headers,
      cookie,
      ...(headers['x-csrf-token'] ? { 'x-csrf-token': session.csrfToken } : {}),
    };
  }
  const applied = (request: FuzzRequest) => ({ ...request, headers: { ...request.headers, ...headers } });
  const unsafe = !['GET', 'HEAD'].includes(fuzzCase.operation.method);
  const guarded = !publicOperations.has(fuzzCase.operation);
  const noCsrf = fuzzCase.sender.name.includes('no CSRF') && unsafe && guarded;
  const disbelieved = [FORGED_TOKEN, UNKNOWN_SESSION].includes(fuzzCase.sender.name) && guarded;
  return {
    ...fuzzCase,
    request: applied(fuzzCase.request),
    ...(fuzzCase.before ? { before: applied(fuzzCase.before) } : {}),
    // A URL the router cannot read is refused before anyone is identified.
    ...(noCsrf ? { refuse: [400, 403] } : {}),
    ...(disbelieved ? { refuse: [400, 401] } : {}),
  };
}

it(`answers every hostile request as documented (seed ${SEED})`, { timeout: 900_000 }, async () => {
  console.log(`openapi fuzz: FUZZ_SEED=${SEED} FUZZ_REQUESTS=${REQUESTS}`);
  const rng = new Prng(SEED);
  const cases: FuzzCase[] = [];
  // The sweep: every mutation of every operation, as a student and as an admin; anonymously, once,
  // for the operations anyone may call (sign-in: each case hashes a password).
  for (const operation of operations)
    for (const mutation of mutationsOf(operation))
      for (const name of publicOperations.has(operation) ? ['anonymous'] : ['student', 'admin'])
        cases.push(buildCase(operation, senders.get(name)!.sender, mutation, rng, fixtures));
  // Then random cases, from every sender, up to the requested number of requests.
  const allSenders = [...senders.values()].map((s) => s.sender);
  let planned = cases.reduce((n, c) => n + (c.before ? 2 : 1), 0);
  while (planned < REQUESTS) {
    const operation = rng.pick(operations);
    const mutation = rng.chance(0.2) ? { kind: 'baseline' as const } : rng.pick(mutationsOf(operation));
    const fuzzCase = buildCase(operation, rng.pick(allSenders), mutation, rng, fixtures);
    cases.push(fuzzCase);
    planned += fuzzCase.before ? 2 : 1;
  }

  const failures = new Map<string, Failure & { count: number }>();
  const statuses = new Map<number, number>();
  const serverErrors = new Map<string, number>();
  let sent = 0;
  for (const planned of cases) {
    const fuzzCase = await withSender(planned);
    const { operation } = fuzzCase;
    if (fuzzCase.before) {
      await send(operation, fuzzCase.before);
      sent++;
    }
    const answer = await send(operation, fuzzCase.request);
    sent++;
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    if (answer.status >= 500) {
      const cause = `${operation.method} ${operation.path} ${fuzzCase.cause}`;
      serverErrors.set(cause, (serverErrors.get(cause) ?? 0) + 1);
    }
    for (const problem of problemsOf(fuzzCase, answer)) {
      const short = problem.replace(/schema: .*/, 'schema');
      const key = `${operation.method} ${operation.path} | ${fuzzCase.cause} | ${short}`;
      const seen = failures.get(key);
      if (seen) seen.count++;
      else
        failures.set(key, {
          key,
          method: operation.method,
          route: operation.path,
          cause: fuzzCase.cause,
          problem: short,
          example: `${describeExchange(fuzzCase, answer)}\n  ${problem.slice(0, 600)}`,
          count: 1,
        });
    }
  }

  console.log(
    `openapi fuzz: ${sent} requests, ${cases.length} cases, over ${operations.length} operations; statuses ${JSON.stringify(
      Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
    )}`,
  );
  console.log(
    `openapi fuzz: 5xx by cause:${[...serverErrors].map(([cause, count]) => `\n  ${count}× ${cause}`).join('')}`,
  );
  for (const failure of [...failures.values()].slice(0, 40))
    console.log(`openapi fuzz FAILURE (${failure.count}×) ${failure.key}\n  ${failure.example}`);
  if (failures.size > 40)
    console.log(`openapi fuzz: all ${failures.size} failures:\n${[...failures.keys()].join('\n')}`);

  expect(sent).toBeGreaterThanOrEqual(REQUESTS);
  expect(
    [...failures.keys()],
    `failures (FUZZ_SEED=${SEED}); each is printed above with its request and answer`,
  ).toEqual([]);
});

it('documents the 429 of every rate-limited operation', async () => {
  // The fuzz above lifts the sign-in limit; here it is one attempt a minute.
  const limited = await createTestContext({ loginRateLimit: 1 });
  try {
    const document = (await limited.app.inject({ url: '/api/openapi.json' })).json();
    const problems: string[] = [];
    const refused: string[] = [];
    for (const operation of operationsOf(document)) {
      if (operation.path === STREAM_PATH) continue; // never ends; its own limit is per open stream
      const request = {
        method: operation.method as 'POST',
        url: operation.path.replace(/\{\w+\}/g, '1'),
        // Shaped like credentials: the sign-in limits count attempts that pass validation.
        ...(operation.body ? { payload: { username: 'nobody', password: 'not-the-password' } } : {}),
      };
      await limited.app.inject(request);
      const second = await limited.app.inject(request);
      if (second.statusCode !== 429) continue;
      refused.push(`${operation.method} ${operation.path}`);
      for (const problem of checkResponse(
        operation,
        429,
        second.headers['content-type'] as string,
        second.body,
      ))
        problems.push(`${operation.method} ${operation.path}: ${problem}`);
    }
    expect(refused).toEqual(['POST /api/auth/token/', 'POST /api/auth/login/']);
    expect(problems).toEqual([]);
  } finally {
    await limited.close();
  }
});
