// One HTTP load: keep-alive connections from this process to the server, each request carrying
// the next of the users' access tokens in turn (so per-user caches see many users), with the
// server's CPU time and peak memory measured over the same window.
import autocannon from 'autocannon';
import { cpuMs, peakRssSampler } from './processes.ts';

export interface LoadSpec {
  name: string;
  method?: 'GET' | 'POST';
  /** The path of the i-th request (by default the same path every time). */
  path: string | ((i: number) => string);
  tokens: readonly string[];
  connections: number;
  /** Seconds; or `amount` requests in total. */
  duration?: number;
  amount?: number;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

export interface LoadResult {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  cpuMsPerRequest: number;
  peakRssMb: number;
  /** The ceiling route's req/s in short runs just before and just after this load (report.ts). */
  ceilingBesideRps?: [number, number];
}

export async function runLoad(baseUrl: string, serverPid: number, spec: LoadSpec): Promise<LoadResult> {
  let i = 0;
  const pathOf = typeof spec.path === 'string' ? () => spec.path as string : spec.path;
  const cpuBefore = cpuMs(serverPid);
  const memory = peakRssSampler(serverPid);
  const started = performance.now();
  // autocannon ends a run of `amount` requests on its next one-second tick, so its own duration
  // would round a 2.1 s run up to 3 s: the rate is counted up to the last response instead.
  let lastResponseAt = started;
  const result = await autocannon({
    url: baseUrl,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration ?? 10 }),
    requests: [
      {
        method: spec.method ?? 'GET',
        setupRequest: (request) => {
          const n = i++;
          return {
            ...request,
            method: spec.method ?? 'GET',
            path: pathOf(n),
            headers: { ...spec.headers, authorization: `Bearer ${spec.tokens[n % spec.tokens.length]}` },
          };
        },
        onResponse: () => {
          lastResponseAt = performance.now();
        },
      },
    ],
  });
  const seconds = (lastResponseAt - started) / 1000;
  const cpu = cpuMs(serverPid) - cpuBefore;
  const peak = memory.stop();
  const requests = result['2xx'] + result.non2xx;
  return {
    name: spec.name,
    requests,
    rps: requests / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuMsPerRequest: requests > 0 ? cpu / requests : 0,
    peakRssMb: peak / 1048576,
  };
}
