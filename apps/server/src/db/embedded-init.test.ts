import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClusterInChild, needsCluster } from './embedded-init.ts';

describe('creating the embedded database in a child process', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'webinar-init-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('leaves a database that opens and answers, with the settings it was given', async () => {
    const pgdata = path.join(folder, 'pgdata');
    expect(needsCluster(pgdata)).toBe(true);
    const startParams = [...PGlite.defaultStartParams, '-c', 'max_connections=5'];
    await createClusterInChild(pgdata, startParams);
    expect(needsCluster(pgdata)).toBe(false);

    const db = await PGlite.create(pgdata, { startParams });
    try {
      const { rows } = await db.query<{ max_connections: string }>('show max_connections');
      expect(rows[0]?.max_connections).toBe('5');
    } finally {
      await db.close();
    }
  }, 60_000);

  it("fails with the child's error, naming the folder, when it cannot create it", async () => {
    const notAFolder = path.join(folder, 'file');
    fs.writeFileSync(notAFolder, '');
    const pgdata = path.join(notAFolder, 'pgdata');
    await expect(createClusterInChild(pgdata, PGlite.defaultStartParams)).rejects.toThrow(
      `Could not create the embedded database in ${pgdata}: `,
    );
  }, 60_000);
});
