// HTML form bodies, for the one route that must take them: the one-click unsubscribe, which mail
// providers POST as a form (RFC 8058). Registered inside that route's own plugin, so every other
// route still refuses forms with 415. Parsed by the runtime's fetch Response, which knows both
// encodings; only text fields are kept.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app-error.ts';

export const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export function acceptOnlyFormBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    FORM_CONTENT_TYPES,
    { parseAs: 'buffer' },
    async (request: FastifyRequest, body: Buffer) => {
      const headers = { 'content-type': request.headers['content-type'] ?? '' };
      let form: FormData;
      try {
        form = await new Response(Uint8Array.from(body), { headers }).formData();
      } catch {
        throw new AppError('bad_request', 'The form body could not be read.');
      }
      // fromEntries defines each key as data: a field named __proto__ stays a field.
      return Object.fromEntries(
        [...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
    },
  );
}
