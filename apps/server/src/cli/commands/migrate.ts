// `migrate`: brings the schema up to date and says what ran. The other commands migrate on
// their own too (like the server); this one is for deploy scripts that want it as a step.
import { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { migrateToLatest, openDatabase } from '../../db/database.ts';

export function migrateCommand(): Command {
  return new Command('migrate').description('Run pending database migrations').action(async () => {
    const config = loadConfig();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const applied = await migrateToLatest(database.db);
      if (applied.length === 0) console.log('Database schema is up to date.');
      else console.log(`Applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}`).join('\n')}`);
    } finally {
      await database.close();
    }
  });
}
