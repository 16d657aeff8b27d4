// Features never import each other: what two features share lives in components/ or lib/, and
// screens that combine features live in app/. Each import of every file under features/ is read
// with TypeScript's own pre-processor, so a new one that crosses over fails here, by name.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const featuresDir = import.meta.dirname;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(folder, file));
}

/** The features a file's relative imports reach into, other than its own. */
function crossings(file: string): string[] {
  const own = path.relative(featuresDir, file).split(path.sep)[0];
  return ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.relative(featuresDir, path.resolve(path.dirname(file), name)))
    .filter((target) => !target.startsWith('..'))
    .map((target) => target.split(path.sep)[0] as string)
    .filter((feature) => feature !== own);
}

describe('feature boundaries', () => {
  it('finds the imports it looks for', () => {
    const sample = path.join(featuresDir, 'admin', 'x.ts');
    const parsed = ts.preProcessFile("import { a } from '../users/a.ts';", true, true);
    const target = path.relative(
      featuresDir,
      path.resolve(path.dirname(sample), parsed.importedFiles[0]!.fileName),
    );
    expect(target.split(path.sep)[0]).toBe('users');
  });

  it('has no feature importing another', () => {
    const found = sourceFiles(featuresDir).flatMap((file) =>
      crossings(file).map((feature) => `${path.relative(featuresDir, file)} imports features/${feature}`),
    );
    expect(found).toEqual([]);
  });
});
