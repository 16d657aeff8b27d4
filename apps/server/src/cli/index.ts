// The operators' command line: `npm run cli -- <command>` or the `webinar-notify` bin.
// One subcommand per file in ./commands. Every failure ends as one line on stderr and exit code 1;
// commands close the database themselves (see database.ts) before the error gets here.
import { Command } from 'commander';
import { reportFatal } from '../operator-error.ts';
import { createUserCommand } from './commands/create-user.ts';
import { failedDeliveriesCommand, sendTestEmailCommand } from './commands/email.ts';
import { migrateCommand } from './commands/migrate.ts';
import { notifyCommand } from './commands/notify.ts';
import { seedBenchCommand } from './commands/seed-bench.ts';
import { seedDemoCommand } from './commands/seed-demo.ts';
import { tokenCommand } from './commands/token.ts';
import { deleteUserCommand, setPasswordCommand, setRoleCommand } from './commands/user-changes.ts';
import { describeError } from './errors.ts';

function buildProgram(): Command {
  const program = new Command('webinar-notify')
    .description(
      'Operate the webinar notification system. Uses the same environment as the server: ' +
        'DATABASE_URL and JWT_SECRET for PostgreSQL, otherwise the embedded database in DATA_DIR (default ./data).',
    )
    .showSuggestionAfterError();
  for (const command of [
    migrateCommand(),
    createUserCommand(),
    setPasswordCommand(),
    setRoleCommand(),
    deleteUserCommand(),
    tokenCommand(),
    notifyCommand(),
    seedDemoCommand(),
    seedBenchCommand(),
    sendTestEmailCommand(),
    failedDeliveriesCommand(),
  ]) {
    program.addCommand(command);
  }
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  reportFatal('error: ', error, describeError(error));
  process.exitCode = 1;
}
