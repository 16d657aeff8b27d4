// `set-password`, `set-role`, `delete-user`: an operator's changes to an account, through the
// users service. Each takes effect at once on every running server: with PostgreSQL the servers
// hear of it through the event bus, forget what they remembered of the user and end their live
// streams. A new password ends every session and token of the user; a new role applies to their
// next request.
import { ROLES, type Role } from '@webinar/contracts';
import { Command, Option } from 'commander';
import type { Db } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import type { EventBus } from '../../events/event-bus.ts';
import type * as UsersService from '../../users/users.service.ts';
import { withDatabase } from '../database.ts';
import { CliError } from '../errors.ts';
import { withEventBus } from '../event-bus.ts';

type Change = (service: typeof UsersService, deps: { db: Db; bus: EventBus }, user: UserRow) => Promise<void>;

/** Runs `change` on the named user with the users service, the database and the bus. */
function changeUser(username: string, change: Change): Promise<void> {
  return withDatabase(async ({ db }, config) => {
    const { findUserByUsername } = await import('../../users/users.repository.ts');
    const service = await import('../../users/users.service.ts');
    const user = await findUserByUsername(db, username);
    if (!user) throw new CliError(`There is no user named ${username}.`);
    await withEventBus(config, (bus) => change(service, { db, bus }, user));
  });
}

export function setPasswordCommand(): Command {
  return new Command('set-password')
    .description("Change a user's password; their sessions and tokens stop working")
    .requiredOption('--username <username>', 'the user')
    .requiredOption('--password <password>', 'the new password, at least 8 characters')
    .action(async (options: { username: string; password: string }) => {
      await changeUser(options.username, (service, deps, user) =>
        service.changePassword(deps, user.id, options.password),
      );
      console.log(`Changed the password of ${options.username}; their sessions and tokens were ended.`);
    });
}

export function setRoleCommand(): Command {
  return new Command('set-role')
    .description("Change a user's role; it applies to their next request")
    .requiredOption('--username <username>', 'the user')
    .addOption(new Option('--role <role>', 'what the user may do').choices(ROLES).makeOptionMandatory())
    .action(async (options: { username: string; role: Role }) => {
      await changeUser(options.username, (service, deps, user) =>
        service.changeRole(deps, user.id, options.role),
      );
      console.log(`${options.username} is now ${options.role === 'admin' ? 'an' : 'a'} ${options.role}.`);
    });
}

export function deleteUserCommand(): Command {
  return new Command('delete-user')
    .description('Delete a user with their notifications; their sessions and tokens stop working')
    .requiredOption('--username <username>', 'the user')
    .action(async (options: { username: string }) => {
      await changeUser(options.username, (service, deps, user) => service.deleteUser(deps, user.id));
      console.log(`Deleted ${options.username}.`);
    });
}
