// Builds the command line into dist-cli/cli.js when a source file is newer than the last build,
// so `webinar-notify` runs plain JavaScript (no TypeScript compiler at each call) and an edit is
// never run stale. Its own folder: rebuilding it never touches the chunks a running server loads.
import { existsSync, readdirSync, statSync } from 'node:fs';

const serverDir = new URL('..', import.meta.url);
const output = new URL('dist-cli/cli.js', serverDir);
const sources = [new URL('src/', serverDir), new URL('../../packages/contracts/src/', serverDir)];

function newestChange(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return newest;
}

/** Returns the path of an up-to-date dist-cli/cli.js, building it first when needed. */
export async function builtCli() {
  const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
  const stale = sources.some((folder) => newestChange(folder) > builtAt);
  if (!stale) return output.pathname;
  // esbuild loads only for a build: most calls find the bundle up to date.
  const { bundle } = await import('./bundle.mjs');
  return bundle({ name: 'cli', entry: 'src/cli/index.ts', outdir: 'dist-cli' });
}

if (import.meta.url === `file://${process.argv[1]}`) await builtCli();
