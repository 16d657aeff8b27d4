import Type from 'typebox';

/** Stable error codes; a client may switch on them, so renaming one is a breaking change. */
export const ERROR_CODES = [
  'bad_request',
  'validation_error',
  'invalid_json',
  'unauthorized',
  'invalid_credentials',
  'token_invalid',
  'forbidden',
  'csrf_failed',
  'not_found',
  'method_not_allowed',
  'conflict',
  /** A signed email link (verification, unsubscribe) that is tampered with, expired or outdated (400). */
  'invalid_link',
  /** An Idempotency-Key sent again with a different request (422). */
  'idempotency_key_reused',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
  'database_unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Record(Type.String(), Type.String())),
  }),
});
export type ErrorBody = Type.Static<typeof ErrorBody>;
