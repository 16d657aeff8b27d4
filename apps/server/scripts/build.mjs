// Bundles the server's TypeScript into ES modules, dist/main.js and its chunks, for `npm start`.
// Running built JavaScript instead of compiling on the fly with tsx starts faster and uses less
// memory (docs/deployment.md). Dependencies stay in node_modules; only our own code (and the
// shared contracts) is bundled. Code splitting keeps what main.ts imports on demand in chunks of
// its own, so the primary process of WORKERS=N loads only its small part.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const distDir = new URL('../dist', import.meta.url).pathname;
// Chunk names change with their content: old ones would pile up.
rmSync(distDir, { recursive: true, force: true });

const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const result = await build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
  outdir: distDir,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: Object.keys(dependencies).filter((name) => name !== '@webinar/contracts'),
  logLevel: 'warning',
  metafile: true,
});

// config.ts finds the web app and the default data folder relative to its own file, which holds
// in dist/main.js (as in src/) but not in a chunk: esbuild moves a module into a shared chunk as
// soon as code behind a dynamic import uses it too.
const mainInputs = Object.entries(result.metafile.outputs).find(([file]) =>
  file.endsWith('dist/main.js'),
)?.[1].inputs;
if (!mainInputs || !Object.keys(mainInputs).some((input) => input.endsWith('src/config.ts'))) {
  console.error('build: src/config.ts must be bundled into dist/main.js; import it only from main.ts');
  process.exit(1);
}
