// Creating a new embedded database in a child process of its own. PGlite creates a cluster by
// running initdb in a second, temporary instance, and the memory that took is not all given back:
// a server whose first start created its data folder stayed several times larger than one started
// again on the same folder (see the commit that added this file). A child process returns all of
// it when it exits.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Runs in the child. Bare specifiers resolve from its working folder, this file's folder.
const CREATE_CLUSTER = `
const [pgdata, startParams] = process.argv.slice(1);
const { PGlite } = await import('@electric-sql/pglite');
const db = await PGlite.create(pgdata, { startParams: JSON.parse(startParams) });
await db.close();
`;

/** Whether `pgdata` holds no database yet (PostgreSQL writes PG_VERSION when it creates one). */
export function needsCluster(pgdata: string): boolean {
  return !fs.existsSync(path.join(pgdata, 'PG_VERSION'));
}

/** Creates the database in `pgdata` (absolute) with PGlite in a child process; throws its error. */
export function createClusterInChild(pgdata: string, startParams: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', CREATE_CLUSTER, pgdata, JSON.stringify(startParams)],
      { cwd: import.meta.dirname, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`Could not create the embedded database in ${pgdata}: ${stderr.trim()}`)),
    );
  });
}
