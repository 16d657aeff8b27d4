// A server-sent events client for tests: a frame parser that follows the WHATWG rules (CRLF, LF
// or CR line ends, multi-line data, comments, `id:` and `retry:` fields) and a stream opened over
// a real socket with node:http, read event by event.
import http from 'node:http';

export interface SseEvent {
  event: string;
  data: string;
  /** The `id:` field of this frame, if it had one. */
  id: string | undefined;
}

/** Turns chunks of an event stream into events, comments and the retry hint. */
export class SseParser {
  private buffer = '';
  private eventName = '';
  private dataLines: string[] | null = null;
  private frameId: string | undefined;
  /** The last `retry:` value received. */
  retry: number | undefined;
  /** The last event id received (what a browser sends back as Last-Event-ID). */
  lastEventId = '';
  readonly comments: string[] = [];

  push(text: string): SseEvent[] {
    this.buffer += text;
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) {
      this.comments.push(line.slice(1).trimStart());
      return undefined;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventName = value;
        break;
      case 'data':
        if (this.dataLines) this.dataLines.push(value);
        else this.dataLines = [value];
        break;
      case 'id':
        if (!value.includes('\0')) {
          this.frameId = value;
          this.lastEventId = value;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
    }
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const event =
      this.dataLines === null
        ? undefined
        : { event: this.eventName || 'message', data: this.dataLines.join('\n'), id: this.frameId };
    this.eventName = '';
    this.dataLines = null;
    this.frameId = undefined;
    return event;
  }
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  parser: SseParser;
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
      const parser = new SseParser();
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
      response.on('data', (chunk: string) => {
        if (response.statusCode !== 200) {
          raw += chunk;
          return;
        }
        received.push(...parser.push(chunk));
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
