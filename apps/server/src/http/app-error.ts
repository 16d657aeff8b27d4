// The one error type the server throws on purpose. Its code is stable (clients switch on it) and
// decides the HTTP status; anything else that escapes a handler is a 500 with no details.
import type { ErrorCode } from '@webinar/contracts';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_error: 400,
  invalid_json: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  token_invalid: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  invalid_link: 400,
  idempotency_key_reused: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  database_unavailable: 503,
};

export class AppError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** Sent as Retry-After (with rate_limited). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = STATUS_BY_CODE[code];
  }

  static notFound(what = 'Not found.') {
    return new AppError('not_found', what);
  }

  static forbidden(message = 'You do not have permission to perform this action.') {
    return new AppError('forbidden', message);
  }

  static rateLimited(message: string, retryAfterSeconds: number) {
    return new AppError('rate_limited', message, undefined, retryAfterSeconds);
  }

  static unauthorized(message = 'Authentication credentials were not provided.') {
    return new AppError('unauthorized', message);
  }
}
