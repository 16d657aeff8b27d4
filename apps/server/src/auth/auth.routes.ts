// Sign-in for API clients (JWT pair) and for the browser (httpOnly session cookie + CSRF token).
import {
  AccessToken,
  Credentials,
  CSRF_COOKIE,
  ErrorBody,
  RefreshRequest,
  SESSION_COOKIE,
  Session,
  TokenPair,
  User,
} from '@webinar/contracts';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { AppDeps } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import { findUserById } from '../users/users.repository.ts';
import { toUser } from '../users/users.service.ts';
import { checkCredentials, issueTokenPair, refreshAccessToken, startSession } from './auth.service.ts';
import { currentUser } from './authenticate.ts';
import { csrfTokenFor } from './csrf.ts';
import { deleteSession } from './sessions.repository.ts';

const tags = ['auth'];

export async function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, tokens, config, clock, csrfSecret } = deps;
  // Per client address: slows password guessing without locking real users out.
  const signInRateLimit = { max: config.loginRateLimit, timeWindow: 60_000 };

  app.post(
    '/api/auth/token/',
    {
      config: { public: true, rateLimit: signInRateLimit },
      schema: {
        tags,
        summary: 'Obtain an access/refresh token pair',
        body: Credentials,
        response: { 200: TokenPair, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => {
      const { username, password } = request.body as Credentials;
      const user = await checkCredentials(db, username, password);
      return issueTokenPair(tokens, user);
    },
  );

  app.post(
    '/api/auth/token/refresh/',
    {
      config: { public: true, rateLimit: signInRateLimit },
      schema: {
        tags,
        summary: 'Exchange a refresh token for a new access token',
        body: RefreshRequest,
        response: { 200: AccessToken, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => {
      const { refresh } = request.body as { refresh: string };
      return { access: await refreshAccessToken(db, tokens, refresh) };
    },
  );

  app.post(
    '/api/auth/login/',
    {
      config: { public: true, rateLimit: signInRateLimit },
      schema: {
        tags,
        summary: 'Sign in the browser: sets the session cookie and returns the CSRF token',
        body: Credentials,
        response: { 200: Session, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body as Credentials;
      const user = await checkCredentials(db, username, password);
      const sessionToken = await startSession(db, clock, user.id, config.sessionTtlSeconds);
      const csrfToken = csrfTokenFor(csrfSecret, sessionToken);
      const cookie = {
        path: '/',
        sameSite: 'lax' as const,
        secure: config.secureCookies,
        maxAge: config.sessionTtlSeconds,
      };
      reply.setCookie(SESSION_COOKIE, sessionToken, { ...cookie, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, csrfToken, { ...cookie, httpOnly: false });
      return { user: toUser(user), csrf_token: csrfToken };
    },
  );

  app.post(
    '/api/auth/logout/',
    {
      schema: {
        tags,
        summary: 'Sign the browser out (ends the session)',
        response: { 204: Type.Null(), 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const sessionToken = request.cookies[SESSION_COOKIE];
      if (sessionToken) await deleteSession(db, sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me/',
    { schema: { tags, summary: 'The signed-in user', response: { 200: User, 401: ErrorBody } } },
    async (request) => {
      const user = await findUserById(db, currentUser(request).userId);
      if (!user) throw AppError.unauthorized('This account no longer exists.');
      return toUser(user);
    },
  );
}
