// The catalogues and the code agree: every key the code names exists in English, every English
// text is used, and every other language has the same keys as English.
import { CHANNEL_LABELS, NOTIFICATION_TYPE_LABELS } from '@webinar/contracts';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compareKeys, keysOf, type Namespaces } from '../../test/catalogue-keys.ts';
import { sourceFiles, walk, where } from '../../test/source-files.ts';
import * as catalogues from './index.ts';

const { en } = catalogues;

const PLURAL_FORM = /_(zero|one|two|few|many|other)$/;

/** A key as written: whole (`'pager.next'`) or the fixed start of a built one (`` `status.${s}` ``). */
interface KeyUse {
  key: string;
  built: boolean;
  namespaces: string[];
  at: string;
}

function literalKeys(node: ts.Node | undefined): Array<{ key: string; built: boolean }> {
  if (!node) return [];
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return [{ key: node.text, built: false }];
  if (ts.isTemplateExpression(node)) return [{ key: node.head.text, built: true }];
  if (ts.isJsxExpression(node) || ts.isParenthesizedExpression(node)) return literalKeys(node.expression);
  if (ts.isConditionalExpression(node))
    return [...literalKeys(node.whenTrue), ...literalKeys(node.whenFalse)];
  return [];
}

/** Every key named in t(), i18n.t() and i18nKey, with the namespaces it may be in. */
function keysInCode(): KeyUse[] {
  return sourceFiles().flatMap((file) => {
    const nodes = [...walk(file)];
    // A file's t() looks in the first namespace of its useTranslation(); i18n.t() in common.
    const hooks = nodes.filter(
      (node): node is ts.CallExpression =>
        ts.isCallExpression(node) && node.expression.getText() === 'useTranslation',
    );
    const fileNamespaces = hooks.map((hook) => {
      const [argument] = hook.arguments;
      const first = argument && ts.isArrayLiteralExpression(argument) ? argument.elements[0] : argument;
      return literalKeys(first)[0]?.key ?? 'common';
    });
    return nodes.flatMap((node): KeyUse[] => {
      let argument: ts.Node | undefined;
      let namespaces = fileNamespaces;
      if (ts.isCallExpression(node) && ['t', 'i18n.t'].includes(node.expression.getText())) {
        argument = node.arguments[0];
        if (node.expression.getText() === 'i18n.t') namespaces = ['common'];
      } else if (ts.isJsxAttribute(node) && node.name.getText() === 'i18nKey') {
        argument = node.initializer;
      }
      return literalKeys(argument).map((use) => ({ ...use, namespaces, at: where(node) }));
    });
  });
}

/** The catalogue keys a use names: itself, its plural forms, or all those a built key may become. */
function matches(use: KeyUse, keys: readonly string[]): string[] {
  const candidates = use.key.includes(':') ? [use.key] : use.namespaces.map((ns) => `${ns}:${use.key}`);
  return keys.filter((key) =>
    candidates.some((candidate) =>
      use.built ? key.startsWith(candidate) : key === candidate || key.replace(PLURAL_FORM, '') === candidate,
    ),
  );
}

describe('the English catalogue', () => {
  const keys = keysOf(en);
  const uses = keysInCode();

  it('has every key the code names', () => {
    expect(
      uses.filter((use) => matches(use, keys).length === 0).map((use) => `${use.at}: ${use.key}`),
    ).toEqual([]);
  });

  it('has no text the code never shows', () => {
    const used = new Set(uses.flatMap((use) => matches(use, keys)));
    expect(keys.filter((key) => !used.has(key))).toEqual([]);
  });

  it('names the types and channels as the server does in emails and on its pages', () => {
    expect(en.common.notificationType).toEqual(NOTIFICATION_TYPE_LABELS);
    expect(en.common.channel).toEqual(CHANNEL_LABELS);
  });
});

describe('every language', () => {
  it('has the keys of English, with the plural forms it needs', () => {
    for (const [language, namespaces] of Object.entries(catalogues)) {
      expect({ language, ...compareKeys(en, namespaces, language) }).toEqual({
        language,
        missing: [],
        extra: [],
      });
    }
  });

  it('is told apart when a key is missing, extra, or lacks a plural form', () => {
    const english: Namespaces = {
      common: { save: 'Save', pager: { users_one: '1 user', users_other: 'n users' } },
    };
    const german: Namespaces = {
      common: { pager: { users_one: '1 Nutzer', users_other: 'n Nutzer', next: 'Weiter' } },
    };
    const polish: Namespaces = { common: { save: 'Zapisz', pager: { users_one: '', users_other: '' } } };
    expect(compareKeys(english, german, 'de')).toEqual({
      missing: ['common:save'],
      extra: ['common:pager.next'],
    });
    expect(compareKeys(english, polish, 'pl')).toEqual({
      missing: ['common:pager.users_few', 'common:pager.users_many'],
      extra: [],
    });
  });
});
