// Every command that touches data goes through here: configuration from the environment, the
// database opened and migrated like the server does, and closed again whatever happens, so the
// embedded data folder's lock is never left behind by a failed command. Loaded on use, so that
// `--help` and bad options answer without loading the database drivers.
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';

export async function withDatabase<T>(
  work: (database: DatabaseHandle, config: Config) => Promise<T>,
): Promise<T> {
  const { loadConfig } = await import('../config.ts');
  const { openMigratedDatabase } = await import('../server-runtime.ts');
  const config = loadConfig();
  const database = await openMigratedDatabase(config);
  try {
    return await work(database, config);
  } finally {
    await database.close();
  }
}
