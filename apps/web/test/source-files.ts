// The web app's own source files, parsed by the TypeScript compiler, for tests that read the code.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const WEB = join(import.meta.dirname, '..');
const SRC = join(WEB, 'src');

/** Every .ts and .tsx file under src/ except tests, parsed; `name` is relative to apps/web. */
export function sourceFiles(extension: '.tsx' | '.ts' | 'both' = 'both'): ts.SourceFile[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path))
    .filter((path) => extension === 'both' || path.endsWith(extension))
    .map((path) => parse(relative(WEB, join(SRC, path)), readFileSync(join(SRC, path), 'utf8')));
}

export function parse(name: string, text: string): ts.SourceFile {
  return ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
}

/** Every node of the file, depth first. */
export function* walk(node: ts.Node): Generator<ts.Node> {
  yield node;
  for (const child of node.getChildren()) yield* walk(child);
}

/** "src/app/routes/portal.tsx:31" */
export function where(node: ts.Node): string {
  const file = node.getSourceFile();
  return `${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
}
