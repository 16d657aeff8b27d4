// The SMTP connection pool every email goes through (nodemailer). SMTP_URL carries the server,
// its credentials and TLS choice (smtps:// is TLS from the start, smtp:// upgrades with STARTTLS
// when offered); a pool keeps connections open, so a fan-out does not pay a handshake per email.
import nodemailer from 'nodemailer';

/** Open connections to the mail server; each carries one message at a time. */
const POOL_CONNECTIONS = 5;

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Stable per delivery: a receiver drops a repeat after a crash (see worker.ts). */
  messageId: string;
  headers: Record<string, string>;
  attachments: Array<{ filename: string; content: string; contentType: string }>;
}

export interface MailTransport {
  send(email: OutgoingEmail): Promise<{ response: string }>;
  close(): void;
}

export function createMailTransport(smtpUrl: string): MailTransport {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: POOL_CONNECTIONS,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  return {
    async send(email) {
      const info = await transport.sendMail(email);
      return { response: String(info.response ?? '') };
    },
    close() {
      transport.close();
    },
  };
}

/** How a failed send should be treated: tried again later, or given up (and whether the address is at fault). */
export type SendFailure =
  | { permanent: false; reason: string }
  | { permanent: true; reason: string; addressRejected: boolean };

/**
 * SMTP answers 5xx for "never" and 4xx for "not now"; a connection or authentication problem is
 * the operator's to fix, so those are retried too. Only a 5xx to the recipient blames the address.
 */
export function classifySendError(error: unknown): SendFailure {
  const details = error as {
    responseCode?: number;
    command?: string;
    code?: string;
    response?: string;
    message?: string;
  };
  const reason = (details.response || details.message || String(error)).trim();
  const code = details.responseCode;
  if (code !== undefined && code >= 500 && code < 600) {
    const addressRejected = details.code === 'EENVELOPE' || (details.command ?? '').startsWith('RCPT');
    return { permanent: true, reason, addressRejected };
  }
  return { permanent: false, reason };
}
