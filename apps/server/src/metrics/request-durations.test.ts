// The hand-kept request histogram must read exactly as prom-client's own Histogram would, given
// the same requests: alone, and added up across workers as the primary of WORKERS=N does.
import { AggregatorRegistry, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestDurations } from './request-durations.ts';

const BUCKETS = [0.001, 0.01, 0.1, 1];
const HELP = 'Requests answered';

type Request = [method: string, route: string, status: number, seconds: number];

// On a bound, past every bound, and several series, one of them met twice on the same route.
const REQUESTS: Request[] = [
  ['GET', '/api/ping/', 200, 0.0004],
  ['GET', '/api/ping/', 200, 0.001],
  ['GET', '/api/ping/', 200, 0.0011],
  ['GET', '/api/ping/', 304, 0.05],
  ['POST', '/api/ping/', 200, 0.2],
  ['GET', 'unmatched', 404, 3],
  ['DELETE', '/api/items/:id/', 204, 1],
];

function hand(requests: Request[]): Registry {
  const registry = new Registry();
  const durations = new RequestDurations({ help: HELP, buckets: BUCKETS });
  registry.registerMetric(durations.asRegistered());
  for (const [method, route, status, seconds] of requests) durations.record(method, route, status, seconds);
  return registry;
}

function library(requests: Request[]): Registry {
  const registry = new Registry();
  const histogram = new Histogram({
    name: 'http_request_duration_seconds',
    help: HELP,
    labelNames: ['method', 'route', 'status'],
    buckets: BUCKETS,
    registers: [registry],
  });
  for (const [method, route, status, seconds] of requests)
    histogram.observe({ method, route, status }, seconds);
  return registry;
}

/** The exposition's lines, sorted: the two may list series in another order. */
async function lines(registry: Registry): Promise<string[]> {
  return (await registry.metrics()).split('\n').filter(Boolean).sort();
}

describe('RequestDurations', () => {
  it('reads as prom-client’s Histogram fed the same requests', async () => {
    const expected = await lines(library(REQUESTS));
    expect(expected).toHaveLength(2 + 5 * (BUCKETS.length + 3));
    expect(await lines(hand(REQUESTS))).toEqual(expected);
  });

  it('adds up across workers as prom-client’s Histogram does', async () => {
    const workers = [REQUESTS.slice(0, 4), REQUESTS.slice(2)];
    const aggregate = async (make: (requests: Request[]) => Registry) =>
      lines(AggregatorRegistry.aggregate(await Promise.all(workers.map((w) => make(w).getMetricsAsJSON()))));
    const expected = await aggregate(library);
    expect(
      expected.some((line) => /le="0.01",method="GET",route="\/api\/ping\/",status="200"} 4$/.test(line)),
    ).toBe(true);
    expect(await aggregate(hand)).toEqual(expected);
  });

  it('starts over on reset, as a registry reset asks', async () => {
    const registry = hand(REQUESTS);
    registry.resetMetrics();
    expect(await lines(registry)).toEqual(await lines(library([])));
  });
});
