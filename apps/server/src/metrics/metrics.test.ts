// /metrics: behind METRICS_TOKEN on the main port, or on METRICS_PORT, never open by default; what
// it counts (requests by route pattern, notifications by type, open streams, the process itself).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../test/helpers/app.ts';
import { freePort } from '../../test/helpers/free-port.ts';
import { parseSamples, total } from '../../test/helpers/prometheus.ts';
import { openStream } from '../../test/helpers/sse.ts';
import { loadConfig } from '../config.ts';

const TOKEN = 'metrics-token-0123456789abcdef';
const UNREAD_COUNT = '/api/communications/notifications/unread-count/';
const STREAM = '/api/communications/notifications/stream/';

describe('with METRICS_TOKEN', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let students: TestUser[];
  let origin: string;

  beforeAll(async () => {
    ctx = await createTestContext({ metrics: { token: TOKEN, port: undefined, host: '127.0.0.1' } });
    admin = await ctx.buildUser({ role: 'admin' });
    students = await Promise.all([1, 2, 3].map(() => ctx.buildUser()));
    origin = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => ctx.close());

  const scrape = (authorization?: string) =>
    fetch(`${origin}/metrics`, authorization ? { headers: { authorization } } : {});

  it('refuses a scrape without the token, or with another, saying only that a token is needed', async () => {
    for (const authorization of [
      undefined,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(1)}`,
      TOKEN,
      'Bearer ',
    ]) {
      const response = await scrape(authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await response.text()).not.toMatch(/http_request_duration_seconds/);
    }
  });

  it('counts requests by route pattern and status, and times them', async () => {
    for (const student of students) {
      const response = await fetch(`${origin}${UNREAD_COUNT}`, {
        headers: { authorization: `Bearer ${student.token}` },
      });
      expect(response.status).toBe(200);
    }
    expect((await fetch(`${origin}/api/communications/notifications/999999/`)).status).toBe(401);
    expect((await fetch(`${origin}/api/no-such-route-4242/`)).status).toBe(404);
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(
      total(text, 'http_request_duration_seconds_count', {
        route: UNREAD_COUNT,
        status: '200',
        method: 'GET',
      }),
    ).toBe(3);
    // The pattern, not the URL: one series however many notifications there are.
    expect(
      total(text, 'http_request_duration_seconds_count', {
        route: '/api/communications/notifications/:id/',
        status: '401',
      }),
    ).toBe(1);
    // A URL no route matches is counted under one name, whatever it was.
    expect(
      total(text, 'http_request_duration_seconds_count', {
        route: 'unmatched',
        status: '404',
        method: 'GET',
      }),
    ).toBe(1);
    expect(
      parseSamples(text).filter((s) =>
        Object.values(s.labels).some((v) => v.includes('999999') || v.includes('4242')),
      ),
    ).toEqual([]);
    expect(total(text, 'http_request_duration_seconds_bucket', { route: UNREAD_COUNT, le: '+Inf' })).toBe(3);
    // Refused scrapes count too: someone guessing shows up.
    expect(total(text, 'http_request_duration_seconds_count', { route: '/metrics', status: '401' })).toBe(5);
  });

  it('counts notifications created by type, one per recipient, and the time their fan-out took', async () => {
    const before = await (await scrape(`Bearer ${TOKEN}`)).text();
    const response = await ctx.as(admin, {
      method: 'POST',
      url: '/api/communications/announcements/',
      payload: { title: 'Metrics', content: 'Counted once per recipient' },
    });
    expect(response.statusCode).toBe(201);
    const recipients = response.json<{ notified: number }>().notified;
    // Everyone but the admin who sent it.
    expect(recipients).toBe(students.length);
    const after = await (await scrape(`Bearer ${TOKEN}`)).text();
    const created = (text: string) => total(text, 'notifications_created_total', { type: 'announcement' });
    expect(created(after) - created(before)).toBe(recipients);
    const fanouts = (text: string) =>
      total(text, 'notification_fanout_duration_seconds_count', { type: 'announcement' });
    expect(fanouts(after) - fanouts(before)).toBe(1);
  });

  it('reports the live streams open now, and the process: event-loop lag and memory', async () => {
    const student = students[0] as TestUser;
    const stream = await openStream(`${origin}${STREAM}`, {
      headers: { authorization: `Bearer ${student.token}` },
    });
    try {
      await stream.next();
      const text = await (await scrape(`Bearer ${TOKEN}`)).text();
      expect(total(text, 'event_streams_open')).toBe(1);
      expect(total(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0);
      expect(total(text, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
      // PostgreSQL's pool; the embedded database has none to report.
      if (ctx.database.kind === 'postgres')
        expect(total(text, 'db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
      else expect(text).not.toMatch(/^db_pool_connections/m);
    } finally {
      stream.close();
    }
    await expect
      .poll(async () => total(await (await scrape(`Bearer ${TOKEN}`)).text(), 'event_streams_open'))
      .toBe(0);
    // Left out of the request metrics, whose latencies it would drown: it lasted as long as the tab.
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(total(text, 'http_request_duration_seconds_count', { route: STREAM })).toBe(0);
  });
});

describe('by default', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('serves no metrics at all', async () => {
    expect(ctx.config.metrics).toEqual({ token: undefined, port: undefined, host: '127.0.0.1' });
    const response = await ctx.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toMatch(/http_request_duration_seconds/);
  });
});

describe('with METRICS_PORT', () => {
  let ctx: TestContext;
  let port: number;
  let origin: string;
  beforeAll(async () => {
    port = await freePort();
    ctx = await createTestContext({ metrics: { token: undefined, port, host: '127.0.0.1' } });
    origin = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => ctx.close());

  it('serves /metrics on that port only, without a token, and nothing else there', async () => {
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(total(await response.text(), 'http_request_duration_seconds_count', { route: '/healthz' })).toBe(
      1,
    );
    expect((await fetch(`http://127.0.0.1:${port}/api/auth/me/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(404);
    // Not on the public port.
    expect((await fetch(`${origin}/metrics`)).status).toBe(404);
  });

  it('stops listening there when the server stops', async () => {
    await ctx.app.close();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});

describe('configuration', () => {
  it('refuses a short token and a metrics port that is the server port, naming the variable', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16/);
    expect(() => loadConfig({ PORT: '9000', METRICS_PORT: '9000' })).toThrow(/METRICS_PORT must differ/);
    expect(() => loadConfig({ METRICS_PORT: 'x' })).toThrow(/METRICS_PORT/);
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' }).metrics).toEqual({
      token: undefined,
      port: 9464,
      host: '10.0.0.5',
    });
  });
});
