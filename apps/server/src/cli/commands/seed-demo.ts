// `seed-demo`: the demo accounts and notifications the server seeds on a first embedded start,
// on demand (e.g. for a PostgreSQL database). Only into an empty database, never on top of data.
import { Command } from 'commander';
import { withDatabase } from '../database.ts';

export function seedDemoCommand(): Command {
  return new Command('seed-demo')
    .description('Seed the demo users, webinars and notifications into an empty database')
    .action(async () => {
      const { DEMO_PASSWORD, DEMO_USERS, seedDemoIfEmpty } = await import('../../seed/demo.ts');
      const seeded = await withDatabase(({ db }) => seedDemoIfEmpty(db));
      if (!seeded) {
        console.log('The database already has users; the demo was not seeded.');
        return;
      }
      const names = DEMO_USERS.map((u) => `${u.username} (${u.role})`).join(', ');
      console.log(`Seeded the demo: ${names}; every password is "${DEMO_PASSWORD}".`);
    });
}
