// Vitest global setup: builds the server and the command line once before any test file runs, so
// the tests that start them as processes run the bundled JavaScript operators run, and no two test
// files build at once. The server goes to dist-test/, leaving a running `npm start`'s dist/ alone.

import { builtCli } from '../scripts/build-cli.mjs';
import { bundle } from '../scripts/bundle.mjs';

export default async function buildOnce() {
  await Promise.all([bundle({ name: 'main', entry: 'src/main.ts', outdir: 'dist-test' }), builtCli()]);
}
