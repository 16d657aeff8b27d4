// `token`: a bearer token for a user, for scripts and API checks, signed with the server's own
// secret (JWT_SECRET, or the embedded data folder's generated one) and the configured lifetimes.
import { Command } from 'commander';
import { withDatabase } from '../database.ts';
import { CliError } from '../errors.ts';

interface TokenOptions {
  username: string;
  refresh?: boolean;
}

export function tokenCommand(): Command {
  return new Command('token')
    .description('Print an access token for a user (with --refresh, the token pair as JSON)')
    .requiredOption('--username <username>', 'the user to sign in as')
    .option('--refresh', 'print {"access": ..., "refresh": ...} instead of the access token alone')
    .action(async (options: TokenOptions) => {
      const { createTokenService } = await import('../../auth/tokens.ts');
      const { systemClock } = await import('../../clock.ts');
      const { resolveJwtSecret } = await import('../../secrets.ts');
      const { findUserByUsername } = await import('../../users/users.repository.ts');
      const output = await withDatabase(async ({ db }, config) => {
        const user = await findUserByUsername(db, options.username);
        if (!user) throw new CliError(`There is no user named ${options.username}.`);
        const tokens = createTokenService(
          resolveJwtSecret(config),
          { access: config.accessTokenTtlSeconds, refresh: config.refreshTokenTtlSeconds },
          systemClock,
        );
        const access = await tokens.issue(user.id, user.role, 'access', user.auth_version);
        if (!options.refresh) return access;
        return JSON.stringify({
          access,
          refresh: await tokens.issue(user.id, user.role, 'refresh', user.auth_version),
        });
      });
      console.log(output);
    });
}
