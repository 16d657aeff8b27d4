#!/usr/bin/env node
// The first half of the e2e workspace's `npm test`, before `playwright test`: builds the web app and
// the server, which playwright.config.ts then starts. The browsers test the server as `npm start`
// runs it: built, so a bundling mistake shows here. Without a Chromium it builds nothing and says
// so; the tests then skip themselves (tests/fixtures.ts).
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// The same search as playwright.config.ts.
const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean).find(isExecutable);
if (!chromium) {
  console.log("Skipping browser tests: no Chromium found (set CHROMIUM_PATH or install Debian's chromium)");
  process.exit(0);
}
const headlessShell = [process.env.CHROMIUM_HEADLESS_SHELL_PATH, '/usr/bin/chromium-headless-shell']
  .filter(Boolean)
  .find(isExecutable);
console.log(
  `[e2e] using Chromium at ${chromium}${headlessShell ? `, and its headless shell at ${headlessShell} for all but the push spec` : ''}`,
);

const builds = [
  ['the web app', 'npm', ['run', 'build', '--workspace', 'apps/web']],
  ['the server', process.execPath, ['apps/server/scripts/build.mjs']],
];
for (const [what, command, args] of builds) {
  console.log(`[e2e] building ${what}`);
  const { status, error } = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (status !== 0) {
    console.error(`[e2e] ${what} did not build (${error?.message ?? `exit code ${status}`})`);
    process.exit(status || 1);
  }
}
