// Every command that touches data goes through here: configuration from the environment, the
// database opened and migrated like the server does, and closed again whatever happens, so the
// embedded data folder's lock is never left behind by a failed command.
import { type Config, loadConfig } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { openMigratedDatabase } from '../server-runtime.ts';

export async function withDatabase<T>(
  work: (database: DatabaseHandle, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = await openMigratedDatabase(config);
  try {
    return await work(database, config);
  } finally {
    await database.close();
  }
}
