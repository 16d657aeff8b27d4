// The values the fuzz puts where valid ones belong. A label names each one in failure reports
// (and in the known-defect list), so keep labels stable.

/** Text written into the JSON body as it is, for what JSON.stringify cannot produce. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A string value whose UTF-8 bytes are invalid, spliced into the body as bytes. */
export class InvalidUtf8 {
  constructor(readonly bytes: Buffer) {}
}

export interface BodyValue {
  label: string;
  value: unknown;
}

/** An id that no row has (the largest integer id). */
export const UNKNOWN_ID = 2147483647;
export const PAST_DATE = '2000-01-01T00:00:00.000Z';

export const BODY_VALUES: readonly BodyValue[] = [
  { label: 'NUL', value: 'a\u0000b' },
  { label: 'NUL alone', value: '\u0000' },
  { label: 'lone surrogate', value: new RawJson('"x\\ud800y"') },
  { label: 'lone low surrogate', value: new RawJson('"\\udfff"') },
  { label: 'invalid UTF-8', value: new InvalidUtf8(Buffer.from([0x61, 0xff, 0xfe, 0x62])) },
  { label: 'UTF-8 encoded surrogate', value: new InvalidUtf8(Buffer.from([0xed, 0xa0, 0x80])) },
  { label: 'empty string', value: '' },
  { label: 'spaces', value: '   ' },
  { label: 'string of 10001', value: 'x'.repeat(10_001) },
  { label: 'string of 60000', value: 'y'.repeat(60_000) },
  { label: 'unicode', value: 'Wébinar ☃ 𝒲 \u202e' },
  { label: 'markup', value: '<script>alert(1)</script>' },
  { label: 'sql', value: "' OR 1=1; --" },
  { label: 'numeric string', value: '1' },
  { label: 'string Infinity', value: 'Infinity' },
  { label: 'past date', value: PAST_DATE },
  { label: 'impossible date', value: '2026-02-30T10:00:00Z' },
  { label: '0', value: 0 },
  { label: '-1', value: -1 },
  { label: '-0', value: new RawJson('-0') },
  { label: '1.5', value: 1.5 },
  { label: 'unknown id', value: UNKNOWN_ID },
  { label: '2^31', value: 2147483648 },
  { label: '2^53+1', value: new RawJson('9007199254740993') },
  { label: '-99999999999', value: -99_999_999_999 },
  { label: '1e308', value: 1e308 },
  { label: '1e999', value: new RawJson('1e999') },
  { label: '-1e999', value: new RawJson('-1e999') },
  { label: 'true', value: true },
  { label: 'false', value: false },
  { label: 'null', value: null },
  { label: 'empty array', value: [] },
  { label: 'array', value: [1, 'a'] },
  { label: 'empty object', value: {} },
  { label: 'object', value: { a: 1 } },
];

/** A whole body that is not the documented object. */
export interface WholeBody {
  label: string;
  /** The body as sent, with content-type application/json. */
  text: string;
}

export const WHOLE_BODIES: readonly WholeBody[] = [
  { label: 'empty body', text: '' },
  { label: 'body null', text: 'null' },
  { label: 'body array', text: '[]' },
  { label: 'body string', text: '"x"' },
  { label: 'body number', text: '1e999' },
  { label: 'body true', text: 'true' },
  { label: 'body not JSON', text: '{"a": ' },
  { label: 'body deeply nested', text: `${'['.repeat(20_000)}${']'.repeat(20_000)}` },
  { label: 'body with __proto__', text: '{"__proto__": {"admin": true}}' },
  { label: 'body with constructor.prototype', text: '{"constructor": {"prototype": {"admin": true}}}' },
];

export const EXTRA_PROPERTIES: readonly BodyValue[] = [
  { label: 'extra property', value: { fuzz_extra: 1 } },
  { label: 'extra id', value: { id: 1 } },
  { label: 'extra user_id', value: { user_id: 1 } },
];

/** Content types other than JSON, for a body that is valid JSON. */
export const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
] as const;

export interface ParameterValue {
  label: string;
  /** As written into the URL (already percent-encoded). */
  raw: string;
  /** What the server decodes it to; undefined when that is not plain (bad percent-encoding). */
  decoded: string | undefined;
  /** A query parameter sent twice (`a=1&a=2`). */
  repeated?: boolean;
}

const encoded = (label: string, decoded: string): ParameterValue => ({
  label,
  raw: encodeURIComponent(decoded),
  decoded,
});

export const PARAMETER_VALUES: readonly ParameterValue[] = [
  encoded('NUL', '\u0000'),
  encoded('NUL inside', '1\u00001'),
  encoded('1e999', '1e999'),
  encoded('Infinity', 'Infinity'),
  encoded('-Infinity', '-Infinity'),
  encoded('NaN', 'NaN'),
  encoded('-0', '-0'),
  encoded('0', '0'),
  encoded('-1', '-1'),
  encoded('1.5', '1.5'),
  encoded('0x10', '0x10'),
  encoded('2^31', '2147483648'),
  encoded('16 digits', '9'.repeat(16)),
  encoded('20 digits', '9'.repeat(20)),
  encoded('5000 digits', '1'.repeat(5000)),
  encoded('string of 5000', 'x'.repeat(5000)),
  encoded('abc', 'abc'),
  encoded('spaces', ' 1 '),
  encoded('true', 'true'),
  encoded('past date', '2000-01-01T00:00:00Z'),
  encoded('unicode', 'Wébinar ☃'),
  encoded('sql', "1' OR '1'='1"),
  { label: 'invalid percent-encoding', raw: '%ff', decoded: undefined },
  { label: 'encoded surrogate', raw: '%ED%A0%80', decoded: undefined },
  { label: 'lone percent', raw: '%', decoded: undefined },
  { label: 'repeated', raw: '1', decoded: '1', repeated: true },
];

/** Values of a header parameter (the Idempotency-Key). */
export const HEADER_VALUES: readonly { label: string; value: string }[] = [
  { label: 'empty', value: '' },
  { label: 'with a space', value: 'a b' },
  { label: 'string of 151', value: 'k'.repeat(151) },
  { label: 'latin-1', value: 'clé' },
  { label: 'string of 5000', value: 'k'.repeat(5000) },
];
