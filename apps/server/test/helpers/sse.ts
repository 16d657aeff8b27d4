// A server-sent events client for tests: a stream opened over a real socket with node:http, read
// event by event. The framing (CRLF, LF or CR line ends, multi-line data, comments, `id:` and
// `retry:` fields) is read by eventsource-parser, a parser kept apart from the server, so that the
// tests do not check the server's framing against its own reading of it.
import http from 'node:http';
import { createParser } from 'eventsource-parser';

export interface SseEvent {
  event: string;
  data: string;
  /** The `id:` field of this frame, if it had one. */
  id: string | undefined;
}

/** What a stream said besides its events. */
export interface SseState {
  /** The last `retry:` value received. */
  retry: number | undefined;
  /** The last event id received (what a browser sends back as Last-Event-ID). */
  lastEventId: string;
  readonly comments: string[];
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The retry hint, last event id and comments received so far. */
  parser: SseState;
  /** Every event received so far. */
  readonly received: SseEvent[];
  /** The next event not yet taken; rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** The next `count` events not yet taken. */
  take(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  /** Takes events until one matches; returns all of them, the match last. */
  until(match: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent[]>;
  /** Waits `ms` and returns the events that arrived and were not taken (takes them). */
  rest(ms: number): Promise<SseEvent[]>;
  /** The whole body of a response that is not a stream (an error), parsed as JSON. */
  json(): Promise<unknown>;
  /** Resolves when the server ends the response or the socket closes. */
  ended: Promise<void>;
  close(): void;
}

export interface OpenStreamOptions {
  headers?: Record<string, string>;
  /** Abort the request this many ms after sending it (0: at once), before reading anything. */
  signal?: AbortSignal;
}

/** Opens `url` as an event stream over its own socket; resolves once the response head arrives. */
export function openStream(url: string, options: OpenStreamOptions = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      agent: false,
      headers: { accept: 'text/event-stream', ...options.headers },
      signal: options.signal,
    });
    request.on('error', reject);
    request.on('response', (response) => {
      response.setEncoding('utf8');
      const parser: SseState = { retry: undefined, lastEventId: '', comments: [] };
      const received: SseEvent[] = [];
      let taken = 0;
      let raw = '';
      let wake: (() => void) | undefined;
      let done = false;
      const ended = new Promise<void>((resolveEnded) => {
        const finish = () => {
          done = true;
          wake?.();
          resolveEnded();
        };
        response.on('end', finish);
        response.on('close', finish);
        response.on('error', finish);
      });
      const frames = createParser({
        // A frame without `event:` is a `message`, as a browser's EventSource has it.
        onEvent: ({ event, data, id }) => received.push({ event: event ?? 'message', data, id }),
        onId: (id) => {
          parser.lastEventId = id;
        },
        onRetry: (retry) => {
          parser.retry = retry;
        },
        onComment: (comment) => parser.comments.push(comment),
      });
      response.on('data', (chunk: string) => {
        if (response.statusCode !== 200) {
          raw += chunk;
          return;
        }
        frames.feed(chunk);
        wake?.();
      });

      async function next(timeoutMs = 2000): Promise<SseEvent> {
        const deadline = Date.now() + timeoutMs;
        while (taken >= received.length) {
          if (done) throw new Error('the stream ended before the next event');
          const left = deadline - Date.now();
          if (left <= 0) throw new Error(`no event within ${timeoutMs} ms (had ${describe(received)})`);
          await new Promise<void>((resolveWait) => {
            const timer = setTimeout(resolveWait, left);
            wake = () => {
              clearTimeout(timer);
              wake = undefined;
              resolveWait();
            };
          });
        }
        return received[taken++] as SseEvent;
      }

      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        parser,
        received,
        next,
        async take(count, timeoutMs = 2000) {
          const events: SseEvent[] = [];
          for (let i = 0; i < count; i++) events.push(await next(timeoutMs));
          return events;
        },
        async until(match, timeoutMs = 2000) {
          const deadline = Date.now() + timeoutMs;
          const events: SseEvent[] = [];
          for (;;) {
            const event = await next(Math.max(1, deadline - Date.now()));
            events.push(event);
            if (match(event)) return events;
          }
        },
        async rest(ms) {
          await new Promise((r) => setTimeout(r, ms));
          const events = received.slice(taken);
          taken = received.length;
          return events;
        },
        async json() {
          await ended;
          return JSON.parse(raw);
        },
        ended,
        close() {
          request.destroy();
          response.destroy();
        },
      });
    });
    request.end();
  });
}

function describe(events: SseEvent[]): string {
  return events.length === 0 ? 'no events' : events.map((e) => e.event).join(', ');
}

/** The parsed data of an event. */
export function dataOf<T = Record<string, unknown>>(event: SseEvent): T {
  return JSON.parse(event.data) as T;
}

/** Whether the server ends the stream within `ms`. */
export async function endsWithin(stream: SseStream, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([
    stream.ended.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    }),
  ]);
  clearTimeout(timer);
  return ended;
}
