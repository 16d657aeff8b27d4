// The listening address, checked before anything slow: opening (and on a first start, seeding) the
// database takes seconds, and a taken port should not be found only after that. The check binds
// the port and lets go of it at once; should another process take it in between, the real listen
// fails with the same message.
import net from 'node:net';
import { OperatorError } from '../operator-error.ts';

export class PortUnavailableError extends OperatorError {}

/** The variables that set a listening address, named in the messages. */
export interface AddressNames {
  port: string;
  host: string;
}

const SERVER_ADDRESS: AddressNames = { port: 'PORT', host: 'HOST' };

/** The listen error as the operator's one line, or the error itself if it is not about the address. */
export function describeListenError(
  error: unknown,
  port: number,
  host: string,
  names: AddressNames = SERVER_ADDRESS,
): unknown {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new PortUnavailableError(
        `${names.port} ${port} is already in use on ${host} (${names.host}): stop the process listening there, or set ${names.port} to a free port.`,
        { cause: error },
      );
    case 'EACCES':
      return new PortUnavailableError(
        `${names.port} ${port} on ${host} needs privileges this user does not have: set ${names.port} to 1024 or above.`,
        { cause: error },
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PortUnavailableError(
        `${names.host} ${host} is not an address of this machine: set ${names.host} to one of its addresses, or to 0.0.0.0 for all.`,
        { cause: error },
      );
    default:
      return error;
  }
}

/** Throws PortUnavailableError if the server could not listen on `port` at `host`. */
export async function checkPortAvailable(
  port: number,
  host: string,
  names: AddressNames = SERVER_ADDRESS,
): Promise<void> {
  if (port === 0) return; // any free port: nothing to check
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(describeListenError(error, port, host, names)));
    // exclusive: under node:cluster, check the port itself rather than the primary's shared handle
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
