// Records the requests the web app makes (method, path with query, JSON body) while still sending
// them to the test server; `refuse` answers matching ones with an error instead, as a failing
// server would.
import { vi } from 'vitest';

export interface LoggedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface FetchLog {
  requests: LoggedRequest[];
  /** The logged requests to this path (without its query), optionally of one method. */
  to(path: string, method?: string): LoggedRequest[];
  restore(): void;
}

export function logFetches(
  refuse?: (request: LoggedRequest) => { status: number; message: string } | null,
): FetchLog {
  const requests: LoggedRequest[] = [];
  const realFetch = globalThis.fetch;
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const request = { method: init?.method ?? 'GET', path: `${url.pathname}${url.search}`, body };
    requests.push(request);
    const refusal = refuse?.(request);
    if (refusal) {
      return new Response(JSON.stringify({ error: { code: 'server_error', message: refusal.message } }), {
        status: refusal.status,
        headers: { 'content-type': 'application/json' },
      });
    }
    return realFetch(input, init);
  });
  return {
    requests,
    to: (path, method) =>
      requests.filter((r) => r.path.split('?')[0] === path && (method === undefined || r.method === method)),
    restore: () => spy.mockRestore(),
  };
}
