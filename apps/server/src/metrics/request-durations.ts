// http_request_duration_seconds, kept by hand rather than by prom-client's Histogram, whose
// observe() builds a label key string on every call: that was most of what metrics cost a request
// (docs/performance.md#metrics). prom-client still formats it and, with WORKERS=N, adds it up
// across workers: get() answers in the shape its own histograms give.
import type { Metric } from 'prom-client';

type LabelName = 'method' | 'route' | 'status';
type Labels = Record<LabelName, string | number>;

interface Series {
  labels: Labels;
  /** Observations per bucket (the last one past every bound), not yet cumulative. */
  buckets: number[];
  sum: number;
  count: number;
}

interface Sample {
  metricName: string;
  labels: { le?: number | '+Inf' } & Labels;
  value: number;
}

export class RequestDurations {
  readonly name = 'http_request_duration_seconds';
  readonly help: string;
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #bounds: readonly number[];
  // route, then method, then status: Fastify hands over the same route and method strings each
  // time, so finding a series builds no key.
  readonly #series = new Map<string, Map<string, Map<number, Series>>>();

  constructor(options: { help: string; buckets: readonly number[] }) {
    this.help = options.help;
    this.#bounds = options.buckets;
  }

  record(method: string, route: string, status: number, seconds: number): void {
    const byMethod = this.#series.get(route) ?? setNew(this.#series, route);
    const byStatus = byMethod.get(method) ?? setNew(byMethod, method);
    const series = byStatus.get(status) ?? this.#addSeries(byStatus, method, route, status);
    let bucket = 0;
    for (const bound of this.#bounds) {
      if (seconds <= bound) break;
      bucket++;
    }
    series.buckets[bucket] = (series.buckets[bucket] ?? 0) + 1;
    series.sum += seconds;
    series.count++;
  }

  #addSeries(byStatus: Map<number, Series>, method: string, route: string, status: number): Series {
    const series = {
      labels: { method, route, status },
      buckets: [...this.#bounds, '+Inf'].map(() => 0),
      sum: 0,
      count: 0,
    };
    byStatus.set(status, series);
    return series;
  }

  /** The samples, as prom-client's registry reads any metric's. */
  async get() {
    const values: Sample[] = [];
    for (const byMethod of this.#series.values())
      for (const byStatus of byMethod.values())
        for (const { labels, buckets, sum, count } of byStatus.values()) {
          let cumulative = 0;
          for (const [index, le] of this.#bounds.entries()) {
            cumulative += buckets[index] ?? 0;
            values.push({ metricName: `${this.name}_bucket`, labels: { le, ...labels }, value: cumulative });
          }
          values.push(
            { metricName: `${this.name}_bucket`, labels: { le: '+Inf', ...labels }, value: count },
            { metricName: `${this.name}_sum`, labels, value: sum },
            { metricName: `${this.name}_count`, labels, value: count },
          );
        }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.#series.clear();
  }

  /**
   * prom-client's types name only its own four classes, while its registry asks a metric for no
   * more than this one has: name, get() and reset().
   */
  asRegistered(): Metric {
    return this as unknown as Metric;
  }
}

function setNew<K, InnerKey, V>(map: Map<K, Map<InnerKey, V>>, key: K): Map<InnerKey, V> {
  const created = new Map<InnerKey, V>();
  map.set(key, created);
  return created;
}
