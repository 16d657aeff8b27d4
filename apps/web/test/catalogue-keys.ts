// Catalogues compared key by key: a language needs every English key, each plural in the forms of
// its own language (Intl.PluralRules, as i18next picks them: Polish has _few and _many too).
export interface Catalogue {
  [key: string]: string | Catalogue;
}
export type Namespaces = Record<string, Catalogue>;

const PLURAL_FORM = /_(zero|one|two|few|many|other)$/;

/** Every text's key, "namespace:path.to.key". */
export function keysOf(namespaces: Namespaces): string[] {
  const keys: string[] = [];
  const visit = (node: Catalogue, prefix: string) => {
    for (const [name, value] of Object.entries(node)) {
      if (typeof value === 'string') keys.push(prefix + name);
      else visit(value, `${prefix}${name}.`);
    }
  };
  for (const [namespace, catalogue] of Object.entries(namespaces)) visit(catalogue, `${namespace}:`);
  return keys;
}

/** The keys of `reference` as `language` must have them. */
export function expectedKeys(reference: Namespaces, language: string): string[] {
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const keys = keysOf(reference).flatMap((key) => {
    const base = key.replace(PLURAL_FORM, '');
    return base === key ? [key] : forms.map((form) => `${base}_${form}`);
  });
  return [...new Set(keys)];
}

/** What a language's catalogues lack, and what they have that the reference does not. */
export function compareKeys(
  reference: Namespaces,
  other: Namespaces,
  language: string,
): { missing: string[]; extra: string[] } {
  const expected = expectedKeys(reference, language);
  const actual = keysOf(other);
  return {
    missing: expected.filter((key) => !actual.includes(key)),
    extra: actual.filter((key) => !expected.includes(key)),
  };
}
