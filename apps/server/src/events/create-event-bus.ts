// The event bus of a process, for the server and the command line alike: with PostgreSQL, events
// reach every server process (and a command's changes reach the running servers) through it; the
// embedded database allows a single process, so in-process delivery is all it needs.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import { createInProcessEventBus, type EventBus } from './event-bus.ts';
import { createPostgresEventBus } from './postgres-event-bus.ts';

export async function createEventBus(
  config: Pick<Config, 'databaseUrl'>,
  log: FastifyBaseLogger,
  onLag?: (seconds: number) => void,
): Promise<EventBus> {
  if (config.databaseUrl)
    return createPostgresEventBus({ connectionString: config.databaseUrl, log, ...(onLag && { onLag }) });
  return createInProcessEventBus();
}
