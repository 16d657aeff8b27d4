// The one body parser: JSON, decoded from the bytes as strict UTF-8, so that bytes that are not
// UTF-8 are a 400 instead of turning into `�` in what gets stored; then every string and key is
// checked once for what the database cannot keep (see text.ts). Any other media type, text/plain
// included, is a 415: a client sending JSON as text/plain is told so, not that its body is "not an
// object".
import type { FastifyInstance } from 'fastify';
import { AppError } from '../app-error.ts';
import { textIssue } from './text.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The first string or key that textIssue refuses, named as the validation errors name fields. */
function findTextIssue(root: unknown): { field: string; message: string } | undefined {
  // A loop, not recursion: 64 KiB of `[` nests deeper than the call stack allows.
  const pending: Array<{ value: unknown; path: string }> = [{ value: root, path: '' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      const message = textIssue(value);
      if (message) return { field: path || 'body', message };
    } else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) {
        pending.push({ value: item, path: path ? `${path}.${index}` : `${index}` });
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const field = path ? `${path}.${key}` : key;
        const message = textIssue(key);
        if (message) return { field, message: `name ${message}` };
        pending.push({ value: item, path: field });
      }
    }
  }
  return undefined;
}

export function registerJsonBody(app: FastifyInstance): void {
  // Fastify's own parser, which refuses `__proto__` and `constructor.prototype` keys.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new AppError('invalid_json', 'The body is not valid UTF-8.'), undefined);
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) return done(error, undefined);
      // JSON can carry a NUL or a lone surrogate only as a \u escape: most bodies skip the walk.
      const issue = text.includes('\\u') ? findTextIssue(value) : undefined;
      if (issue) {
        return done(
          new AppError('validation_error', 'The request is invalid.', { [issue.field]: issue.message }),
          undefined,
        );
      }
      done(null, value);
    });
  });
}
