// `create-user`: adds an account through the same service (and validation) as the rest of the app.
import { ROLES, type Role } from '@webinar/contracts';
import { Command, Option } from 'commander';
import { withDatabase } from '../database.ts';

interface CreateUserOptions {
  username: string;
  password: string;
  role: Role;
  email?: string;
  displayName?: string;
}

export function createUserCommand(): Command {
  return new Command('create-user')
    .description('Create a user account')
    .requiredOption('--username <username>', 'sign-in name (letters, digits and @ . + - _)')
    .requiredOption('--password <password>', 'at least 8 characters')
    .addOption(new Option('--role <role>', 'what the user may do').choices(ROLES).makeOptionMandatory())
    .option('--email <email>', 'email address; unverified until the user opens the link emailed to it')
    .option('--display-name <name>', 'name shown to others (default: the username)')
    .action(async (options: CreateUserOptions) => {
      const { createUser } = await import('../../users/users.service.ts');
      const user = await withDatabase(({ db }) =>
        createUser(db, {
          username: options.username,
          password: options.password,
          role: options.role,
          ...(options.email !== undefined && { email: options.email }),
          ...(options.displayName !== undefined && { displayName: options.displayName }),
        }),
      );
      console.log(`Created ${user.role} ${user.username} (id ${user.id}).`);
    });
}
