// Access tokens for the bench users, minted with the server's own token service and secret, so
// a load can rotate through thousands of users without signing each of them in.
import { createTokenService } from '../../apps/server/src/auth/tokens.ts';
import { systemClock } from '../../apps/server/src/clock.ts';

export interface BenchUser {
  id: number;
  role: 'student' | 'host' | 'admin';
}

export async function mintTokens(secret: string, users: readonly BenchUser[]): Promise<string[]> {
  // Valid for the whole run: a bench can take longer than the default 5 minutes.
  const tokens = createTokenService(secret, { access: 6 * 3600, refresh: 6 * 3600 }, systemClock);
  // The bench's users are seeded fresh: their token version (users.auth_version) is 0.
  return Promise.all(users.map((user) => tokens.issue(user.id, user.role, 'access', 0)));
}
