// The one error the server's own code throws on purpose: services and repositories refuse a
// request with it, the command line prints it. Its code is stable (clients switch on it); the HTTP
// answer it becomes (status, body, Retry-After) is http/error-handler.ts's business. Anything else
// that escapes a handler is a 500 with no details.
import type { ErrorCode } from '@webinar/contracts';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** Sent as Retry-After (with rate_limited). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
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
