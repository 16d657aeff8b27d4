// One place turns every failure into `{"error": {"code", "message", "fields"?}}` with the right
// status. An AppError's code decides its status (STATUS_BY_CODE: the domain's errors know nothing
// of HTTP); Fastify's own errors (bad JSON, body too large, wrong content type, schema validation)
// are mapped by status; a database that cannot be reached is a 503 with Retry-After; a 5xx never
// carries internals.
import type { ErrorBody, ErrorCode } from '@webinar/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app-error.ts';
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailableKind, type OutageLog } from '../db/unavailable.ts';

/** The HTTP status of each AppError code. */
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

/** The code of each status Fastify's own errors carry. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

function body(code: ErrorCode | string, message: string, fields?: Record<string, string>): ErrorBody {
  return { error: fields ? { code, message, fields } : { code, message } };
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Ajv's list of issues as `{field: message}`, naming the field the way the client sent it. */
function validationFields(issues: ValidationIssue[], context: string | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    let field = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const params = issue.params ?? {};
    if (typeof params.missingProperty === 'string')
      field = field ? `${field}.${params.missingProperty}` : params.missingProperty;
    if (typeof params.additionalProperty === 'string') {
      field = field ? `${field}.${params.additionalProperty}` : params.additionalProperty;
      fields[field] = 'is not allowed';
      continue;
    }
    fields[field || context || 'body'] ??= issue.message ?? 'is invalid';
  }
  return fields;
}

/** The answer to a request that needed the database while it could not be reached. */
export function sendDatabaseUnavailable(reply: FastifyReply): FastifyReply {
  return reply
    .status(503)
    .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
    .send(body('database_unavailable', 'The database is unavailable. Try again shortly.'));
}

export function registerErrorHandler(app: FastifyInstance, outage: OutageLog): void {
  app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const unavailable = databaseUnavailableKind(error);
    if (unavailable) {
      outage.failed(unavailable, error);
      return sendDatabaseUnavailable(reply);
    }
    if (error instanceof AppError) {
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.status(STATUS_BY_CODE[error.code]).send(body(error.code, error.message, error.fields));
    }
    if (error.validation) {
      const fields = validationFields(error.validation as ValidationIssue[], error.validationContext);
      return reply.status(400).send(body('validation_error', 'The request is invalid.', fields));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
        return reply.status(400).send(body('invalid_json', 'The body is not valid JSON.'));
      }
      return reply.status(status).send(body(CODE_BY_STATUS[status] ?? 'bad_request', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal_error', 'Something went wrong on our side.'));
  });
}

/**
 * Fastify answers a few malformed requests before any route or error handler sees them: a path
 * that is not valid percent-encoding (`/notifications/%ff/`) or a path segment over the router's
 * length limit. Without this they get Fastify's own body instead of ours.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    reply.status(400).send(body('bad_request', 'The URL is not valid.'));
    return;
  }
  request.log.error({ err: error }, 'unhandled framework error');
  reply.status(500).send(body('internal_error', 'Something went wrong on our side.'));
}
