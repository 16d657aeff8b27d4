// The email fan-out's mail server, in a process of its own (as a real one would be): a real SMTP
// server (smtp-server) that accepts every message, reads it to the end and counts it, once per
// Message-ID so that a repeat shows. Answers the parent's "report" with its counts; the times are
// milliseconds since the epoch, the clock both processes share; its own CPU time comes with them.
import { SMTPServer } from 'smtp-server';

let received = 0;
let bytes = 0;
const messageIds = new Set();
let firstAt = 0;
let lastAt = 0;

const server = new SMTPServer({
  // No TLS on the loopback, no login: the bench measures the product, not the handshake.
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  logger: false,
  // Two server processes with five pooled connections each, and room to spare.
  maxClients: 100,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk) => {
      bytes += chunk.length;
      if (head.length < 4096) head += chunk.toString('latin1');
    });
    stream.on('end', () => {
      const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? `missing-${received}`;
      received++;
      messageIds.add(id);
      const now = Date.now();
      if (firstAt === 0) firstAt = now;
      lastAt = now;
      callback();
    });
  },
});

server.on('error', (error) => {
  if (error.code !== 'ECONNRESET') console.error(`smtp sink: ${error.message}`);
});

server.listen(0, '127.0.0.1', () => {
  process.send({ port: server.server.address().port });
});

process.on('message', (message) => {
  if (message === 'report') {
    const { user, system } = process.cpuUsage();
    process.send({
      received,
      unique: messageIds.size,
      bytes,
      firstAt,
      lastAt,
      cpuMs: (user + system) / 1000,
    });
  }
  if (message === 'stop') server.close(() => process.exit(0));
});
