// Every route requires a signed-in user unless its config says `public: true`; `roles` narrows it
// further. A bearer token or the session cookie identifies the user, and an unsafe request made
// with the cookie must carry the CSRF token.
import { CSRF_HEADER, type Role, SESSION_COOKIE } from '@webinar/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../app-error.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { isValidCsrfToken } from './csrf.ts';
import { findSessionUser } from './sessions.repository.ts';
import type { TokenService } from './tokens.ts';
import type { UserAuthStates } from './user-auth-states.ts';

export interface AuthContext {
  userId: number;
  /** The user's current role (never the token's claim, which may be older). */
  role: Role;
  via: 'bearer' | 'cookie';
  /** When what signed the request in (the token, the session) expires. */
  expiresAtMs: number;
  /** The SHA-256 of the session cookie, for a cookie request: its live streams end with it. */
  sessionHash?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without signing in (sign-in itself, health checks, docs). */
    public?: boolean;
    /** Only these roles may call the route (403 for the others). */
    roles?: readonly Role[];
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in user of a route that requires one (the hook has already refused the others). */
export function currentUser(request: FastifyRequest): AuthContext {
  if (!request.auth) throw AppError.unauthorized();
  return request.auth;
}

export interface AuthenticateDeps {
  db: Db;
  tokens: TokenService;
  authStates: UserAuthStates;
  csrfSecret: string;
  clock: Clock;
}

async function identify(request: FastifyRequest, deps: AuthenticateDeps): Promise<AuthContext | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1])
      throw new AppError('token_invalid', 'The Authorization header must be "Bearer <token>".');
    const claims = await deps.tokens.verify(match[1], 'access');
    if (!claims) throw new AppError('token_invalid', 'Given token not valid for any token type.');
    const found = deps.authStates.get(claims.userId);
    const user = found instanceof Promise ? await found : found;
    // Deleted, or the password changed since the token was issued.
    if (!user || user.authVersion !== claims.authVersion)
      throw new AppError('token_invalid', 'Token is invalid or expired.');
    return { userId: claims.userId, role: user.role, via: 'bearer', expiresAtMs: claims.expiresAtMs };
  }
  const sessionToken = request.cookies[SESSION_COOKIE];
  if (!sessionToken) return null;
  const user = await findSessionUser(deps.db, sessionToken, deps.clock.now());
  if (!user) throw new AppError('unauthorized', 'Your session has expired. Please sign in again.');
  if (!SAFE_METHODS.has(request.method)) {
    const presented = request.headers[CSRF_HEADER];
    if (
      !isValidCsrfToken(deps.csrfSecret, sessionToken, typeof presented === 'string' ? presented : undefined)
    ) {
      throw new AppError('csrf_failed', 'CSRF token missing or incorrect.');
    }
  }
  return { ...user, via: 'cookie' };
}

export function registerAuthentication(app: FastifyInstance, deps: AuthenticateDeps): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    if (config.public || request.is404) return;
    const auth = await identify(request, deps);
    if (!auth) throw AppError.unauthorized();
    if (config.roles && !config.roles.includes(auth.role)) throw AppError.forbidden();
    request.auth = auth;
  });
}
