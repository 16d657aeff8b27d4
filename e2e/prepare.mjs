#!/usr/bin/env node
// The first half of the e2e workspace's `npm test`, before `playwright test`: builds the web app and
// the server, which playwright.config.ts then starts, and the migrated database they start from.
// The browsers test the server as `npm start` runs it: built, so a bundling mistake shows here.
// Without a Chromium it builds nothing and says so; the tests then skip themselves
// (tests/fixtures.ts).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, headlessShell } from './browsers.mjs';
import { migratedDataDir } from './migrated-data.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

if (!chromium) {
  console.log("Skipping browser tests: no Chromium found (set CHROMIUM_PATH or install Debian's chromium)");
  process.exit(0);
}
console.log(
  `[e2e] using Chromium at ${chromium}${headlessShell ? `, and its headless shell at ${headlessShell} for all but the push spec` : ''}`,
);

// Each server of the run starts from a copy of this embedded database (serve.mjs): the command
// line's `migrate` runs initdb and the migrations once, instead of once per server.
rmSync(migratedDataDir, { recursive: true, force: true });
const steps = [
  ['building the web app', 'npm', ['run', 'build', '--workspace', 'apps/web'], {}],
  ['building the server', process.execPath, ['apps/server/scripts/build.mjs'], {}],
  [
    'migrating a new embedded database',
    process.execPath,
    ['apps/server/bin/webinar-notify.js', 'migrate'],
    { DATA_DIR: migratedDataDir, DATABASE_URL: '' },
  ],
];
for (const [what, command, args, env] of steps) {
  console.log(`[e2e] ${what}`);
  const { status, error } = spawnSync(command, args, {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (status !== 0) {
    console.error(`[e2e] ${what} failed (${error?.message ?? `exit code ${status}`})`);
    process.exit(status || 1);
  }
}
