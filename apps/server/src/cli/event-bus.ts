// The event bus of a command that changes what running servers hold in memory (notifications,
// users): with PostgreSQL the servers hear of the change through it, so connected clients see it
// live and no server keeps a stale count or a stale role. The embedded database allows no server
// while a command runs, so there it reaches no one and costs nothing.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { EventBus } from '../events/event-bus.ts';

/** The bus logs only trouble; on the command line that goes to stderr. */
const cliLogger = {
  warn: (...args: unknown[]) => console.error(...args.filter((a) => typeof a === 'string')),
  error: (...args: unknown[]) => console.error(...args.filter((a) => typeof a === 'string')),
  info: () => {},
} as unknown as FastifyBaseLogger;

/** Runs `work` with the bus, then closes it: what was published has left by then. */
export async function withEventBus<T>(config: Config, work: (bus: EventBus) => Promise<T>): Promise<T> {
  const { createEventBus } = await import('../events/create-event-bus.ts');
  const bus = await createEventBus(config, cliLogger);
  try {
    return await work(bus);
  } finally {
    await bus.close();
  }
}
