#!/usr/bin/env node
// The first half of the e2e workspace's `npm test`, before `playwright test`: builds the web app and
// the server, which playwright.config.ts then starts. The browsers test the server as `npm start`
// runs it: built, so a bundling mistake shows here. Without a Chromium it builds nothing and says
// so; the tests then skip themselves (tests/fixtures.ts).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, headlessShell } from './browsers.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

if (!chromium) {
  console.log("Skipping browser tests: no Chromium found (set CHROMIUM_PATH or install Debian's chromium)");
  process.exit(0);
}
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
