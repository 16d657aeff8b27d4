// A real SMTP server for tests (smtp-server, the library behind several mail servers): it speaks
// the whole protocol over a socket, requires the login it was given, keeps every message it
// accepts (parsed by mailparser), and can refuse recipients or messages the way mail servers do.
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedEmail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  parsed: ParsedMail;
  raw: string;
}

export interface TestSmtpServer {
  /** smtp://user:password@127.0.0.1:port */
  url: string;
  readonly received: ReceivedEmail[];
  /** Answers RCPT TO for this address with a permanent 550 from now on. */
  rejectRecipient(address: string): void;
  /** Answers the next `count` messages with a temporary 451. */
  failNextMessages(count: number): void;
  /** Waits this long before accepting each message, as a loaded server does. */
  slowDown(ms: number): void;
  /** Resolves once `count` messages have been received in all. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedEmail[]>;
  close(): Promise<void>;
}

const USER = 'mailer';
const PASSWORD = 'mail-password';

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedEmail[] = [];
  const rejected = new Set<string>();
  let failures = 0;
  let delayMs = 0;
  const waiters = new Set<() => void>();

  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: USER });
      else callback(smtpError(535, 'Authentication failed'));
    },
    onRcptTo(address, _session, callback) {
      if (rejected.has(address.address.toLowerCase()))
        callback(smtpError(550, `5.1.1 <${address.address}>: Recipient address rejected: User unknown`));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failures > 0) {
          failures--;
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const accept = () =>
          simpleParser(raw).then(
            (parsed) => {
              received.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed, raw });
              for (const wake of waiters) wake();
              callback();
            },
            (error: Error) => callback(error),
          );
        if (delayMs > 0) setTimeout(accept, delayMs);
        else accept();
      });
    },
  });
  // A client that dies mid-conversation (a killed sender) resets its socket: that is the test's
  // doing, not the server's failure.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET') throw error;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };

  return {
    url: `smtp://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    received,
    rejectRecipient: (address) => rejected.add(address.toLowerCase()),
    failNextMessages(count) {
      failures = count;
    },
    slowDown(ms) {
      delayMs = ms;
    },
    waitForMessages(count, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(received.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} emails, got ${received.length} in ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The address list of a parsed header, as plain addresses. */
export function addressesOf(header: AddressObject | AddressObject[] | undefined): string[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return objects.flatMap((o) => o.value.map((v) => v.address ?? ''));
}
