// Text the server refuses wherever a request carries it: PostgreSQL's text columns cannot hold the
// NUL character (the query fails: a 500), and a lone UTF-16 surrogate (`"\ud800"` in JSON) is no
// character at all: stored, it reaches every reader as `�`.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why the text is refused, or undefined when it is fine. */
export function textIssue(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character';
  if (LONE_SURROGATE.test(text)) return 'must not contain an unpaired surrogate';
  return undefined;
}
