// Bundles one of the server's TypeScript entry points into ES modules in a folder of its own.
// Dependencies stay in node_modules; only our own code (and the shared contracts) is bundled.
// Code splitting keeps what an entry imports on demand in chunks of its own.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const serverDir = new URL('..', import.meta.url);
const { dependencies } = JSON.parse(readFileSync(new URL('package.json', serverDir), 'utf8'));

/** Writes `<outdir>/<name>.js` and its chunks, all directly in `outdir` (see below). */
export async function bundle({ name, entry, outdir }) {
  const outPath = new URL(`${outdir}/`, serverDir).pathname;
  // Chunk names change with their content: old ones would pile up.
  rmSync(outPath, { recursive: true, force: true });
  await build({
    entryPoints: { [name]: new URL(entry, serverDir).pathname },
    outdir: outPath,
    // Every file lands directly in outdir, one level below apps/server like src/config.ts, so the
    // paths config.ts builds from its own location hold in whichever file esbuild puts it.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: true,
    external: Object.keys(dependencies).filter((dependency) => dependency !== '@webinar/contracts'),
    logLevel: 'warning',
  });
  return `${outPath}${name}.js`;
}
