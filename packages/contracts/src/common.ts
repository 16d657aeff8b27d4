import Type from 'typebox';

/**
 * A positive database id in a URL path. Digits only, so "abc" or "-1" is a 400, not a lookup; at
 * most 15 of them, so the id is an exact JS number (16 digits could round to another row's id).
 */
export const IdParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,14}$', description: 'Numeric id' }),
});
export type IdParams = Type.Static<typeof IdParams>;

export const DateTime = Type.String({ format: 'date-time' });

export const Role = Type.Union([Type.Literal('student'), Type.Literal('host'), Type.Literal('admin')]);
export type Role = Type.Static<typeof Role>;
export const ROLES = ['student', 'host', 'admin'] as const satisfies readonly Role[];

export const Empty = Type.Object({});

/**
 * Optional header of the create requests a client may have to retry (an announcement, an admin's
 * notifications): the same key sent again by the same user makes nothing new. The repeat answers
 * 200 instead of 201, with `replayed: true`, and notifies no one.
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
