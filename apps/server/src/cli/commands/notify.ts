// `notify`: sends a notification to one user, a role or everyone through the function the admin
// API sends with, so the same checks, muting rules and event record apply as for notifications
// made by the server. With PostgreSQL the running servers hear of it through the event bus (see
// ../event-bus.ts).
import {
  type AdminNotificationCreate,
  MAX_NOTIFICATION_TITLE,
  NOTIFICATION_TYPES,
  type NotificationType,
  ROLES,
  type Role,
} from '@webinar/contracts';
import { Command, Option } from 'commander';
import { AppError } from '../../app-error.ts';
import type { Db } from '../../db/database.ts';
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

export function notifyCommand(): Command {
  return new Command('notify')
    .description('Create a notification for one user, every user of a role, or everyone')
    .addOption(new Option('--user <username>', 'one recipient').conflicts(['role', 'all']))
    .addOption(new Option('--role <role>', 'every user with this role').choices(ROLES).conflicts('all'))
    .addOption(new Option('--all', 'every user'))
    .addOption(
      new Option('--type <type>', 'kind of notification').choices(NOTIFICATION_TYPES).makeOptionMandatory(),
    )
    .requiredOption('--title <title>', `headline (at most ${MAX_NOTIFICATION_TITLE} characters)`, nonEmpty)
    .requiredOption('--content <content>', 'message text', nonEmpty)
    .option('--webinar <id>', 'id of the webinar it is about', positiveInteger)
    .action(async (options: NotifyOptions) => {
      if (!options.user && !options.role && !options.all) {
        throw new CliError('Choose the recipients: --user <username>, --role <role> or --all.');
      }
      const { systemClock } = await import('../../clock.ts');
      const { inTransaction } = await import('../../db/transaction.ts');
      const { send } = await import('../../notifications/admin-notifications.service.ts');
      const { createNotificationService } = await import('../../notifications/notifications.service.ts');
      const created = await withDatabase(({ db }, config) =>
        withEventBus(config, (bus) =>
          inTransaction(db, async (tx) => {
            const input: AdminNotificationCreate = {
              ...(await recipientsOf(tx.db, options)),
              notification_type: options.type,
              title: options.title,
              content: options.content,
              webinar_id: options.webinar ?? null,
            };
            const notifications = createNotificationService({ bus, clock: systemClock });
            return (await send(tx, notifications, input)).created;
          }),
        ),
      ).catch((error: unknown) => {
        throw inOptionTerms(error, options);
      });
      console.log(`Created ${created} notification${created === 1 ? '' : 's'}.`);
    });
}

/** The recipients as the admin API names them; a username is looked up here. */
async function recipientsOf(
  db: Db,
  options: NotifyOptions,
): Promise<Pick<AdminNotificationCreate, 'user_ids' | 'role' | 'everyone'>> {
  if (options.user !== undefined) {
    const { findUserByUsername } = await import('../../users/users.repository.ts');
    const user = await findUserByUsername(db, options.user);
    if (!user) throw new CliError(`There is no user named ${options.user}.`);
    return { user_ids: [user.id] };
  }
  if (options.role !== undefined) return { role: options.role };
  return { everyone: true };
}

/** A refusal that names an API field, said in terms of the options the operator typed. */
function inOptionTerms(error: unknown, options: NotifyOptions): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.fields?.title !== undefined) {
    const length = Array.from(options.title).length;
    return new CliError(`The title is ${length} characters long; at most ${MAX_NOTIFICATION_TITLE} fit.`);
  }
  if (error.fields?.webinar_id !== undefined) {
    return new CliError(`There is no webinar with id ${options.webinar}.`);
  }
  return error;
}
