// GET /api/communications/notifications/stream/: the signed-in user's live events (server-sent
// events). Authenticated like every route: the session cookie (what EventSource sends) or a
// bearer token. Resumable with the Last-Event-ID header (or `?last_event_id=` for clients that
// cannot set headers), which carries a stream position (stream-position.ts).
import { ErrorBody } from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../app-error.ts';
import { currentUser } from '../../auth/authenticate.ts';
import { POSITION_PATTERN, parsePosition } from './stream-position.ts';

/** The head of a stream: never cached or transformed, nor held back by a buffering proxy. */
const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

export async function streamRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get(
    '/api/communications/notifications/stream/',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My live events (text/event-stream): notification, notification_updated, unread_count',
        description:
          'Each `notification` event has the stream position as its SSE id; reconnect with `Last-Event-ID` ' +
          'to receive the ones missed. `unread_count` is sent on connect and after every change. A comment ' +
          'line is sent every 25 s to keep proxies from closing the connection.',
        querystring: Type.Object({
          last_event_id: Type.Optional(Type.String({ pattern: POSITION_PATTERN })),
        }),
        response: {
          // The reply is hijacked (this route writes the head, the hub the events): this only documents it.
          200: {
            description: 'The event stream',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          400: ErrorBody,
          401: ErrorBody,
          429: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { userId, expiresAtMs, sessionHash } = currentUser(request);
      const header = request.headers['last-event-id'];
      const raw =
        (typeof header === 'string' ? header : undefined) ??
        (request.query as { last_event_id?: string }).last_event_id;
      const position = raw === undefined ? undefined : parsePosition(raw);
      if (raw !== undefined && !position) {
        throw new AppError('validation_error', 'The request is invalid.', {
          'Last-Event-ID': 'must be an event id this stream sent',
        });
      }
      if (!deps.streams.canOpen(userId)) {
        throw new AppError(
          'rate_limited',
          'Too many open streams for this user: close another tab or device first.',
        );
      }
      // The hub writes the events; the status and headers are this route's. Either way the reply
      // is hijacked first: from then on Fastify writes nothing to it.
      let accepted = false;
      const accept = () => {
        accepted = true;
        reply.hijack();
      };
      try {
        await deps.streams.open(
          userId,
          reply.raw,
          position,
          { expiresAtMs, sessionHash },
          {
            start() {
              accept();
              reply.raw.writeHead(200, STREAM_HEADERS);
            },
            refuse() {
              accept();
              reply.raw.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
              reply.raw.end('The server is shutting down.');
            },
          },
        );
        // The client left while the request was checked: there is nothing to answer.
        if (!accepted) reply.hijack();
      } catch (error) {
        // Before the stream started (the database is down): an ordinary error answer, a 503.
        if (!accepted) throw error;
        // The response is already a stream: all that is left is to log and close it; the client
        // reconnects and resumes.
        request.log.error({ err: error }, 'could not open a live stream');
        reply.raw.destroy();
      }
    },
  );
}
