// Stopping the server process under load (SIGTERM, as an orchestrator does): open streams end,
// idle keep-alive connections are closed at once, a request in flight finishes and its answer
// closes its connection, and the process exits within SHUTDOWN_TIMEOUT even when a client never
// finishes its request.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { migratedDataFolder, usePostgres } from './helpers/database.ts';
import { type ServerProcess, spawnServer, waitFor } from './helpers/server-process.ts';
import { openStream } from './helpers/sse.ts';

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
const started: ServerProcess[] = [];
const dataFolders: string[] = [];

afterEach(async () => {
  for (const server of started.splice(0)) {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await server.exited;
  }
  for (const folder of dataFolders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<{ server: ServerProcess; origin: string }> {
  const dataDir = await migratedDataFolder();
  dataFolders.push(dataDir);
  const server = spawnServer({
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    JWT_SECRET: '',
    WEB_DIST: '/nonexistent',
    REMINDER_INTERVAL: '0',
    LOGIN_RATE_LIMIT: '1000',
    LOG_LEVEL: 'info',
    ...env,
  });
  started.push(server);
  const origin = await waitFor(
    () => LISTENING.exec(server.output())?.[1] ?? (server.child.exitCode === null ? undefined : 'exited'),
    240_000,
    'the server to listen',
  );
  if (origin === 'exited') throw new Error(`the server exited:\n${server.output()}`);
  return { server, origin };
}

const SIGN_IN = JSON.stringify({ username: 'alice', password: 'webinar123' });

/** A POST to sign in over its own socket whose body is held back: a request in flight. */
async function heldRequest(origin: string, marker: string) {
  const { port } = new URL(origin);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let answer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (answer += chunk));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  socket.write(
    `POST /api/auth/token/?held=${marker} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(SIGN_IN)}\r\n\r\n`,
  );
  /** The answer's head and body, once the body is all there (by its Content-Length). */
  const complete = () => {
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    const length = /content-length: (\d+)/i.exec(head)?.[1];
    return length !== undefined && Buffer.byteLength(body) >= Number(length) ? { head, body } : undefined;
  };
  return {
    sendBody: () => socket.write(SIGN_IN),
    response: () => waitFor(complete, 30_000, 'the answer to the held request'),
    closed,
    destroy: () => socket.destroy(),
  };
}

/** Requests one after another on one keep-alive connection until the server stops answering. */
async function loadLoop(origin: string, token: string, outcomes: Array<number | string>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (;;) {
      const outcome = await new Promise<number | string>((resolve) => {
        http
          .get(
            `${origin}/api/communications/notifications/unread-count/`,
            { agent, headers: { authorization: `Bearer ${token}` } },
            (response) => {
              let body = '';
              response.on('data', (chunk) => (body += chunk));
              response.on('end', () => {
                const complete = response.statusCode === 200 && 'unread_count' in JSON.parse(body);
                resolve(complete ? 200 : `incomplete ${response.statusCode}: ${body}`);
              });
              response.on('error', (error) => resolve(`cut: ${error.message}`));
            },
          )
          .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
      outcomes.push(outcome);
      if (outcome !== 200) return;
    }
  } finally {
    agent.destroy();
  }
}

describe.skipIf(usePostgres)('stopping the server process', () => {
  it('under load: ends streams, closes idle connections, finishes a request in flight with Connection: close, exits 0', async () => {
    const { server, origin } = await start({ SHUTDOWN_TIMEOUT: '60' });
    let stopping = false;
    const signIn = await fetch(`${origin}/api/auth/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: SIGN_IN,
    });
    const { access } = (await signIn.json()) as { access: string };

    const stream = await openStream(`${origin}/api/communications/notifications/stream/`, {
      headers: { authorization: `Bearer ${access}` },
    });
    expect((await stream.next(10_000)).event).toBe('unread_count');

    // An idle keep-alive connection: one answered request, then nothing.
    const idleAgent = new http.Agent({ keepAlive: true });
    // Wrapped in an object: resolving with the bare promise would wait for the socket to close.
    const idle = await new Promise<{ closed: Promise<void> }>((resolve, reject) => {
      http
        .get(`${origin}/healthz`, { agent: idleAgent }, (response) => {
          expect(response.headers.connection).toBe('keep-alive');
          const closed = new Promise<void>((r) => response.socket.once('close', () => r()));
          response.resume();
          response.on('end', () => resolve({ closed }));
        })
        .on('error', reject);
    });
    let idleClosedBeforeStop = false;
    void idle.closed.then(() => (idleClosedBeforeStop = !stopping));

    const held = await heldRequest(origin, 'in-flight');
    await waitFor(
      () => (server.output().includes('held=in-flight') ? true : undefined),
      10_000,
      'the server to receive the held request',
    );
    const outcomes: Array<number | string> = [];
    const loads = Array.from({ length: 4 }, () => loadLoop(origin, access, outcomes));
    await waitFor(() => (outcomes.length >= 20 ? true : undefined), 20_000, 'requests under load');

    stopping = true;
    server.child.kill('SIGTERM');
    await waitFor(() => (/shutting down/.test(server.output()) ? true : undefined), 10_000, 'the stop');
    await stream.ended;
    // The idle connection stayed open until the stop, which closed it long before the server's
    // 72 s keep-alive timeout would have.
    const idleEnd = await Promise.race([
      idle.closed.then(() => 'closed'),
      new Promise((r) => setTimeout(() => r('still open'), 30_000)),
    ]);
    expect(idleEnd).toBe('closed');
    expect(idleClosedBeforeStop).toBe(false);

    // The request in flight still gets its whole answer, which closes the connection.
    held.sendBody();
    const { head, body } = await held.response();
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(head.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(body)).toHaveProperty('access');
    await held.closed;

    expect(await server.exited).toBe(0);
    await Promise.all(loads);
    idleAgent.destroy();
    // Under load, each request was answered whole or not taken at all: never cut or failed.
    const failed = outcomes.filter((o) => o !== 200);
    expect(failed.length).toBe(4);
    for (const outcome of failed) expect(outcome).toMatch(/^(ECONNREFUSED|ECONNRESET|socket hang up)$/);
  }, 420_000);

  it('exits within SHUTDOWN_TIMEOUT when a client never finishes its request, with exit code 1', async () => {
    const { server, origin } = await start({ SHUTDOWN_TIMEOUT: '2' });
    const held = await heldRequest(origin, 'never');
    await waitFor(
      () => (server.output().includes('held=never') ? true : undefined),
      10_000,
      'the server to receive the held request',
    );
    server.child.kill('SIGTERM');
    const code = await Promise.race([
      server.exited,
      new Promise((r) => setTimeout(() => r('still running'), 45_000)),
    ]);
    expect(code).toBe(1);
    expect(server.output()).toMatch(/grace period/);
    await held.closed;
  }, 420_000);
});
