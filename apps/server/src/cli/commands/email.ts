// Email commands for operators: check the mail server settings with a test message, and see what
// failed lately without opening the dashboard.
import { Command } from 'commander';
import { withDatabase } from '../database.ts';
import { CliError } from '../errors.ts';
import { positiveInteger } from '../parsers.ts';

const ADDRESS = /^[^\s@]+@[^\s@]+$/;

export function sendTestEmailCommand(): Command {
  return new Command('send-test-email')
    .description('Send a test email through SMTP_URL, to check the mail settings')
    .requiredOption('--to <address>', 'where to send it')
    .action(async (options: { to: string }) => {
      if (!ADDRESS.test(options.to)) throw new CliError(`"${options.to}" is not an email address.`);
      const { loadConfig } = await import('../../config.ts');
      const config = loadConfig();
      if (!config.smtpUrl)
        throw new CliError(
          'SMTP_URL is not set, so no email can be sent (set SMTP_URL, MAIL_FROM and PUBLIC_URL).',
        );
      const { systemClock } = await import('../../clock.ts');
      const { createEmailChannel } = await import('../../deliveries/channels/email.ts');
      const { classifySendError, createMailTransport } = await import('../../deliveries/mail-transport.ts');
      const { createSignedLinks } = await import('../../deliveries/signed-links.ts');
      const { linkBase } = await import('../../http/link-base.ts');
      const email = createEmailChannel({
        from: config.mailFrom,
        publicUrl: linkBase(config),
        // Test messages carry no signed link; any secret will do.
        signedLinks: createSignedLinks('unused', systemClock),
        transport: createMailTransport(config.smtpUrl),
        now: () => new Date(),
      });
      const messageId = email.messageId(`test-${Date.now()}`);
      try {
        const composed = await email.composeTest();
        const { response } = await email.send({ ...composed, to: options.to, messageId });
        console.log(`Sent to ${options.to} (Message-ID ${messageId}). The mail server said: ${response}`);
      } catch (error) {
        const failure = classifySendError(error);
        throw new CliError(
          `The mail server did not take the test email (${failure.permanent ? 'refused' : 'temporary failure'}): ${failure.reason}`,
        );
      } finally {
        email.close();
      }
    });
}

export function failedDeliveriesCommand(): Command {
  return new Command('failed-deliveries')
    .description('List the deliveries that failed lately, newest first')
    .option('--hours <n>', 'how far back to look', positiveInteger, 24)
    .option('--limit <n>', 'at most this many', positiveInteger, 20)
    .action(async (options: { hours: number; limit: number }) => {
      const { recentFailures } = await import('../../deliveries/deliveries.repository.ts');
      const rows = await withDatabase(({ db }) =>
        recentFailures(db, new Date(Date.now() - options.hours * 3_600_000), options.limit),
      );
      if (rows.length === 0) {
        console.log(`No delivery failed in the last ${options.hours} hours.`);
        return;
      }
      for (const row of rows) {
        const what = row.notification_type ?? row.purpose;
        console.log(
          `#${row.id}  ${row.finished_at?.toISOString() ?? ''}  ${row.channel}  ${what}  ` +
            `${row.username ?? `user ${row.user_id}`} <${row.address ?? '?'}>  ${row.attempts} tries: ${row.reason ?? ''}`,
        );
      }
    });
}
