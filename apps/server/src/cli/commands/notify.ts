// `notify`: sends a notification to one user, a role or everyone, through the notification
// service, so muting rules and the event record apply as for notifications made by the server.
// With PostgreSQL the running servers hear of it through the event bus (see ../event-bus.ts).
import { NOTIFICATION_TYPES, type NotificationType, ROLES, type Role } from '@webinar/contracts';
import { Command, Option } from 'commander';
import { systemClock } from '../../clock.ts';
import { inTransaction } from '../../db/transaction.ts';
import { createNotificationService, type Recipients } from '../../notifications/notifications.service.ts';
import { findUserByUsername } from '../../users/users.repository.ts';
import { withDatabase } from '../database.ts';
import { CliError } from '../errors.ts';
import { withEventBus } from '../event-bus.ts';
import { nonEmpty, positiveInteger } from '../parsers.ts';

interface NotifyOptions {
  user?: string;
  role?: Role;
  all?: boolean;
  type: NotificationType;
  title: string;
  content: string;
  webinar?: number;
}

/** The notifications.title column's length. */
const TITLE_MAX_LENGTH = 200;

export function notifyCommand(): Command {
  return new Command('notify')
    .description('Create a notification for one user, every user of a role, or everyone')
    .addOption(new Option('--user <username>', 'one recipient').conflicts(['role', 'all']))
    .addOption(new Option('--role <role>', 'every user with this role').choices(ROLES).conflicts('all'))
    .addOption(new Option('--all', 'every user'))
    .addOption(
      new Option('--type <type>', 'kind of notification').choices(NOTIFICATION_TYPES).makeOptionMandatory(),
    )
    .requiredOption('--title <title>', `headline (at most ${TITLE_MAX_LENGTH} characters)`, nonEmpty)
    .requiredOption('--content <content>', 'message text', nonEmpty)
    .option('--webinar <id>', 'id of the webinar it is about', positiveInteger)
    .action(async (options: NotifyOptions) => {
      if (!options.user && !options.role && !options.all) {
        throw new CliError('Choose the recipients: --user <username>, --role <role> or --all.');
      }
      if (options.title.length > TITLE_MAX_LENGTH) {
        throw new CliError(
          `The title is ${options.title.length} characters long; at most ${TITLE_MAX_LENGTH} fit.`,
        );
      }
      const created = await withDatabase(({ db }, config) =>
        withEventBus(config, (bus) =>
          inTransaction(db, async (tx) => {
            const recipients = await resolveRecipients(tx.db, options);
            if (options.webinar !== undefined) {
              const webinar = await tx.db
                .selectFrom('webinars')
                .select('id')
                .where('id', '=', options.webinar)
                .executeTakeFirst();
              if (!webinar) throw new CliError(`There is no webinar with id ${options.webinar}.`);
            }
            const service = createNotificationService({ bus, clock: systemClock });
            const result = await service.createBulk(tx, {
              type: options.type,
              title: options.title,
              content: options.content,
              webinarId: options.webinar ?? null,
              recipients,
            });
            return result.created;
          }),
        ),
      );
      console.log(`Created ${created} notification${created === 1 ? '' : 's'}.`);
    });
}

async function resolveRecipients(
  db: Parameters<typeof findUserByUsername>[0],
  options: NotifyOptions,
): Promise<Recipients> {
  if (options.user !== undefined) {
    const user = await findUserByUsername(db, options.user);
    if (!user) throw new CliError(`There is no user named ${options.user}.`);
    return { userIds: [user.id] };
  }
  if (options.role !== undefined) return { role: options.role };
  return { everyone: true };
}
