// The heaviest action: an admin's announcement to every user. Measures the time until every row
// exists, while a few pollers keep asking for an unread count, to see how long the server makes
// other requests wait meanwhile.
import type { FanoutResult } from './report.ts';

const TITLE_PREFIX = 'Bench fan-out';

interface FanoutOptions {
  target: string;
  baseUrl: string;
  adminToken: string;
  /** A user who receives it last (the highest id: chunked fan-outs go in id order). */
  lastUserToken: string;
  pollerTokens: readonly string[];
  users: number;
}

async function arrived(baseUrl: string, token: string, title: string): Promise<boolean> {
  const response = await fetch(`${baseUrl}/api/communications/notifications/recent/`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { results: Array<{ title: string }> };
  return body.results.some((n) => n.title === title);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

export async function measureFanout(options: FanoutOptions): Promise<FanoutResult> {
  const title = `${TITLE_PREFIX} ${Date.now()}`;
  const waits: number[] = [];
  let polling = true;
  const pollers = options.pollerTokens.map(async (token) => {
    while (polling) {
      const started = performance.now();
      await fetch(`${options.baseUrl}/api/communications/notifications/unread-count/`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.arrayBuffer());
      waits.push(performance.now() - started);
    }
  });

  const started = performance.now();
  const response = await fetch(`${options.baseUrl}/api/communications/announcements/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title, content: 'Measuring how fast one announcement reaches every user.' }),
  });
  if (response.status !== 201)
    throw new Error(`announcement failed: ${response.status} ${await response.text()}`);
  const { notified } = (await response.json()) as { notified: number };
  // On PostgreSQL the rows exist when the request returns; a chunked fan-out finishes later.
  while (!(await arrived(options.baseUrl, options.lastUserToken, title))) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const allRowsMs = performance.now() - started;
  polling = false;
  await Promise.all(pollers);
  if (notified !== options.users)
    throw new Error(`announcement notified ${notified} users, expected ${options.users}`);
  waits.sort((a, b) => a - b);
  return {
    target: options.target,
    users: options.users,
    allRowsMs,
    probeMaxMs: waits.at(-1) ?? 0,
    probeP99Ms: percentile(waits, 99),
  };
}
