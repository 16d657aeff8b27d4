// The one way the web app talks to the API: JSON in and out, the session cookie (same origin) with
// the CSRF header on unsafe requests, and every failure turned into an ApiError that carries the
// server's own message, so screens can show it instead of a blank page.
import { CSRF_COOKIE, CSRF_HEADER, type ErrorBody } from '@webinar/contracts';
import { i18n } from './i18n.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

interface ApiClientConfig {
  /** Prefix of every API path; empty in the browser (same origin). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`, replacing the cookie session. */
  bearerToken: string | undefined;
}

const config: ApiClientConfig = { baseUrl: '', bearerToken: undefined };

/**
 * Test hook, never called by the app itself: Node's fetch keeps no cookies, so component tests point
 * the client at an in-process server and sign in with a bearer token instead of the session cookie.
 */
export function configureApiClient(next: Partial<ApiClientConfig>): void {
  Object.assign(config, next);
}

export function apiUrl(path: string): string {
  return `${config.baseUrl}${path}`;
}

/**
 * False when this browser certainly holds no session: signing in sets the session cookie (unreadable
 * here) and the CSRF cookie together, and signing out clears both. Lets the session probe skip a
 * request whose 401 the browser would log as an error on every visit to /login.
 */
export function mayHaveSession(): boolean {
  return usesBearerToken() || readCookie(CSRF_COOKIE) !== undefined;
}

export function usesBearerToken(): boolean {
  return config.bearerToken !== undefined;
}

function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const prefix = `${name}=`;
  const found = document.cookie.split('; ').find((part) => part.startsWith(prefix));
  return found ? decodeURIComponent(found.slice(prefix.length)) : undefined;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query: QueryParams | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'message' in error;
}

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  if (isErrorBody(body)) {
    return new ApiError(response.status, body.error.code, body.error.message, body.error.fields);
  }
  return new ApiError(response.status, 'http_error', i18n.t('errors.http', { status: response.status }));
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Lets the request outlive the page (sent while the tab closes or reloads). */
  keepalive?: boolean;
}

export interface ApiResponse<T> {
  /** 200-299, or 304 when the request was conditional and nothing changed (no data then). */
  status: number;
  headers: Headers;
  data: T | undefined;
}

/** The response type comes from the endpoint's contract in @webinar/contracts, never written by hand. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await apiResponse<T>(path, options)).data as T;
}

/** apiRequest with the status and headers of the answer. */
export async function apiResponse<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (config.bearerToken !== undefined) {
    headers.authorization = `Bearer ${config.bearerToken}`;
  } else if (method !== 'GET') {
    // Read at request time: the token changes with every sign-in.
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(withQuery(path, options.query)), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.keepalive ? { keepalive: true } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'network_error', i18n.t('errors.network'));
  }
  const answer = { status: response.status, headers: response.headers };
  if (response.status === 304) return { ...answer, data: undefined };
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return { ...answer, data: undefined };
  return { ...answer, data: (await response.json()) as T };
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    apiRequest<T>(path, { query, ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    apiRequest<T>(path, { method: 'POST', body, ...(headers ? { headers } : {}) }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: (path: string) => apiRequest<void>(path, { method: 'DELETE' }),
};
