// A real push service for tests, on 127.0.0.1 over plain http: it checks each request's VAPID
// authorization (RFC 8292: an ES256 JWT for this origin, not expired, with a subject, signed with
// the key it names), keeps what it received, and answers with the status a test asks for. The
// browsers are key pairs made here (node:crypto ECDH on P-256 and a 16-byte auth secret), so a
// test decrypts each message (RFC 8291, aes128gcm, with http_ece) as the browser would.
import { createECDH, createPublicKey, type ECDH, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import ece from 'http_ece';

export interface ReceivedPush {
  /** The browser it was addressed to (the endpoint's last path segment). */
  browser: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Why the VAPID authorization was refused, or null when it was good. */
  vapidProblem: string | null;
  /** The VAPID public key the request named (`k=`). */
  vapidKey: string | null;
  /** The status it was answered with: 2xx when the browser got it. */
  status: number;
}

export interface TestBrowser {
  name: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** The plain payload of a message sent to this browser. */
  decrypt(body: Buffer): unknown;
}

export interface TestPushService {
  origin: string;
  readonly received: ReceivedPush[];
  /** A new browser, subscribed at this service. */
  browser(name?: string): TestBrowser;
  /** Answers the next `count` messages to this browser with this status (e.g. 410, 500). */
  answer(browserName: string, status: number, count?: number): void;
  /** Resolves once `count` messages have arrived in all. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedPush[]>;
  close(): Promise<void>;
}

function base64url(buffer: Buffer): string {
  return buffer.toString('base64url');
}

/** Checks `vapid t=<jwt>, k=<key>` as a push service does; returns what is wrong, or null. */
export function vapidProblem(
  authorization: string | undefined,
  origin: string,
  nowSeconds: number,
): string | null {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? '');
  if (!match) return `not a vapid authorization: ${authorization}`;
  const [, token = '', key = ''] = match;
  const [header = '', claims = '', signature = ''] = token.split('.');
  const raw = Buffer.from(key, 'base64url');
  if (raw.length !== 65 || raw[0] !== 4) return 'k is not an uncompressed P-256 point';
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: base64url(raw.subarray(1, 33)), y: base64url(raw.subarray(33)) },
    format: 'jwk',
  });
  const signed = verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) return 'bad signature';
  const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string };
  if (head.alg !== 'ES256') return `alg ${head.alg}`;
  const body = JSON.parse(Buffer.from(claims, 'base64url').toString()) as {
    aud?: string;
    exp?: number;
    sub?: string;
  };
  if (body.aud !== origin) return `aud ${body.aud} is not ${origin}`;
  if (typeof body.exp !== 'number' || body.exp <= nowSeconds) return 'expired';
  // RFC 8292: at most 24 hours ahead.
  if (body.exp > nowSeconds + 24 * 3600) return 'exp more than 24 hours ahead';
  if (!body.sub) return 'no sub';
  return null;
}

export async function startPushService(): Promise<TestPushService> {
  const received: ReceivedPush[] = [];
  const answers = new Map<string, number[]>();
  const waiters = new Set<() => void>();
  let counter = 0;
  let origin = '';

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const browser = request.url?.split('/').pop() ?? '';
      const authorization = request.headers.authorization;
      const problem = vapidProblem(authorization, origin, Math.floor(Date.now() / 1000));
      const queued = answers.get(browser) ?? [];
      const status = problem ? 403 : (queued.shift() ?? 201);
      received.push({
        browser,
        headers: request.headers,
        body: Buffer.concat(chunks),
        vapidProblem: problem,
        vapidKey: /k=([\w-]+)/.exec(authorization ?? '')?.[1] ?? null,
        status,
      });
      response.writeHead(status).end(status >= 400 ? `status ${status}` : '');
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    received,
    browser(name = `browser-${++counter}-${randomBytes(4).toString('hex')}`) {
      const ecdh: ECDH = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      return {
        name,
        endpoint: `${origin}/push/${name}`,
        keys: { p256dh: base64url(ecdh.getPublicKey()), auth: base64url(auth) },
        decrypt: (body) =>
          JSON.parse(
            ece.decrypt(body, { version: 'aes128gcm', privateKey: ecdh, authSecret: auth }).toString('utf8'),
          ),
      };
    },
    answer(browserName, status, count = 1) {
      answers.set(browserName, [...(answers.get(browserName) ?? []), ...Array<number>(count).fill(status)]);
    },
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} push messages, got ${received.length}`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          setTimeout(wake, 100);
        });
      }
      return received.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
