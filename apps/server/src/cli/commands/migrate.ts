// `migrate`: brings the schema up to date and says what ran. The other commands migrate on
// their own too (like the server); this one is for deploy scripts that want it as a step.
import { Command } from 'commander';

export function migrateCommand(): Command {
  return new Command('migrate').description('Run pending database migrations').action(async () => {
    const { loadConfig } = await import('../../config.ts');
    const { migrateToLatest, openDatabase } = await import('../../db/database.ts');
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
