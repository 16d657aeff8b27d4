// Where prepare.mjs leaves a migrated embedded database for the servers of a run to copy
// (serve.mjs): the data folder's `pgdata` only, as the command line's `migrate` made it.
import { fileURLToPath } from 'node:url';

export const migratedDataDir = fileURLToPath(new URL('./.migrated-data/', import.meta.url));
