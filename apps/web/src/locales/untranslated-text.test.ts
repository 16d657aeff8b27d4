// Every text the interface shows comes from the catalogues (src/locales): no letters in JSX text,
// and no literal in the attributes people read or hear (aria-label, title, placeholder, alt).
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse, sourceFiles, walk, where } from '../../test/source-files.ts';

const READ_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt']);

/** Not language: the same in every one. */
const EXEMPT = new Set(['https://']);

const LETTER = /\p{L}/u;

/** The literal parts of an attribute's value: a string, a template's fixed text, either branch of a ?:. */
function literalParts(node: ts.Node | undefined): string[] {
  if (!node) return [];
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
  if (ts.isJsxExpression(node) || ts.isParenthesizedExpression(node)) return literalParts(node.expression);
  if (ts.isConditionalExpression(node))
    return [...literalParts(node.whenTrue), ...literalParts(node.whenFalse)];
  if (ts.isBinaryExpression(node)) return [...literalParts(node.left), ...literalParts(node.right)];
  return [];
}

/** "file:line: text" for each text written in the markup instead of taken from a catalogue. */
function untranslatedText(file: ts.SourceFile): string[] {
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const trimmed = text.trim();
    if (LETTER.test(trimmed) && !EXEMPT.has(trimmed)) found.push(`${where(node)}: ${trimmed}`);
  };
  for (const node of walk(file)) {
    if (ts.isJsxText(node)) report(node, node.text);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText())) {
      for (const text of literalParts(node.initializer)) report(node, text);
    }
  }
  return found;
}

describe('the interface texts', () => {
  it('come from the catalogues in every .tsx file', () => {
    expect(sourceFiles('.tsx').flatMap(untranslatedText)).toEqual([]);
  });

  it('are found when written in the markup', () => {
    const file = parse(
      'fixture.tsx',
      [
        'const a = <p>Hello {name}</p>;',
        `const b = <button aria-label="Close" title={\`Open \${name}\`} />;`,
        "const c = <input placeholder={wide ? 'Search' : t('search')} alt={t('x')} />;",
        'const d = <p>{t("ok")} · 9+ <a href="https://">https://</a></p>;',
      ].join('\n'),
    );
    expect(untranslatedText(file)).toEqual([
      'fixture.tsx:1: Hello',
      'fixture.tsx:2: Close',
      'fixture.tsx:2: Open',
      'fixture.tsx:3: Search',
    ]);
  });
});
