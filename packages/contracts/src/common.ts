import Type, { type Static, type TSchema } from 'typebox';

// Two shapes written without a union, for the response serializer's sake: with `anyOf` it runs a
// validator on every value to choose the branch (a nullable date-time checks its format on every
// row of a list), while `enum` and `type: [x, 'null']` it writes directly. The JSON, the TypeScript
// types and the OpenAPI description (`nullable: true`) are the same.

/** One of the given strings. */
export function StringEnum<const Values extends readonly string[]>(values: Values) {
  return Type.Unsafe<Values[number]>({ type: 'string', enum: [...values] });
}

/** The schema's value, or null. */
export function Nullable<T extends TSchema & { type: string }>(schema: T) {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] });
}

/**
 * A positive database id in a URL path. Digits only, so "abc" or "-1" is a 400, not a lookup; at
 * most 15 of them, so the id is an exact JS number (16 digits could round to another row's id).
 */
export const IdParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,14}$', description: 'Numeric id' }),
});
export type IdParams = Type.Static<typeof IdParams>;

export const DateTime = Type.String({ format: 'date-time' });

export const ROLES = ['student', 'host', 'admin'] as const;
export const Role = StringEnum(ROLES);
export type Role = Type.Static<typeof Role>;

export const Empty = Type.Object({});

/**
 * Optional header of the requests a client may have to retry (an announcement, an admin's send, a
 * webinar reminder): the same request sent again with the same key by the same user does nothing
 * new and gets the first answer again, with 200 and `replayed: true`. The same key with a
 * different request is refused with 422 (`idempotency_key_reused`).
 */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 150,
      pattern: '^[\\x21-\\x7E]+$',
      description: 'Any printable ASCII without spaces, e.g. a UUID made once per user action',
    }),
  ),
});
export type IdempotencyHeaders = Type.Static<typeof IdempotencyHeaders>;
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
