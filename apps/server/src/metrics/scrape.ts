// One scrape of this process's metrics, or, in a worker of WORKERS=N, of every worker added up by
// the primary (prom-client's cluster aggregation): whichever worker a scraper reaches, it sees the
// whole server.
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, Registry } from 'prom-client';

export const contentType = Registry.PROMETHEUS_CONTENT_TYPE;

const ASK = 'webinar:metrics-ask';
const ANSWER = 'webinar:metrics-answer';
const ANSWER_TIMEOUT_MS = 10_000;

interface Answer {
  type: typeof ANSWER;
  id: string;
  text?: string;
  error?: string;
}

/** What GET /metrics answers in this process. */
export function scraperFor(registry: Registry): () => Promise<string> {
  if (!cluster.isWorker) return () => registry.metrics();
  // The primary asks each worker's registry through prom-client's own messages, which a worker
  // answers once it has made an AggregatorRegistry.
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry();
  return askPrimary;
}

function askPrimary(): Promise<string> {
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error('the primary process did not answer')),
      ANSWER_TIMEOUT_MS,
    );
    const onMessage = (message: Answer) => {
      if (message?.type !== ANSWER || message.id !== id) return;
      if (message.text !== undefined) finish(undefined, message.text);
      else finish(new Error(message.error ?? 'no metrics'));
    };
    function finish(error: Error | undefined, text?: string) {
      clearTimeout(timer);
      process.off('message', onMessage);
      if (error) reject(error);
      else resolve(text ?? '');
    }
    process.on('message', onMessage);
    process.send?.({ type: ASK, id });
  });
}

/** In the primary: the workers' metrics added up, for METRICS_PORT and for workers that ask. */
export function servePrimaryMetrics(): () => Promise<string> {
  const aggregator = new AggregatorRegistry();
  const scrape = () => aggregator.clusterMetrics();
  cluster.on('message', (worker, message: { type?: string; id?: string }) => {
    if (message?.type !== ASK || typeof message.id !== 'string') return;
    const id = message.id;
    scrape().then(
      (text) => worker.isConnected() && worker.send({ type: ANSWER, id, text } satisfies Answer),
      (error: unknown) =>
        worker.isConnected() &&
        worker.send({ type: ANSWER, id, error: (error as Error).message } satisfies Answer),
    );
  });
  return scrape;
}
