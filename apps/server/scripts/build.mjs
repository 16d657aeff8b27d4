// Builds the server for `npm start`: dist/main.js and its chunks. Running built JavaScript instead
// of compiling on the fly with tsx starts faster and uses less memory (see docs/deployment.md).
import { bundle } from './bundle.mjs';

await bundle({ name: 'main', entry: 'src/main.ts', outdir: 'dist' });
