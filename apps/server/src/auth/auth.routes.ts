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
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { AppDeps } from '../app-deps.ts';
import type { UserRow } from '../db/schema.ts';
import { toUser } from '../users/users.service.ts';
import {
  endSession,
  issueTokenPair,
  refreshAccessToken,
  signedInUser,
  signIn,
  startSession,
} from './auth.service.ts';
import { currentUser } from './authenticate.ts';
import { csrfTokenFor } from './csrf.ts';
import {
  DEVICE_COOKIE,
  DEVICE_COOKIE_MAX_AGE_SECONDS,
  deviceIdFor,
  issueDeviceCookie,
} from './device-cookie.ts';
import { createSignInLimiter } from './sign-in-limit.ts';

const tags = ['auth'];

export async function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, tokens, config, clock, csrfSecret, deviceSecret } = deps;
  const limiter = createSignInLimiter({
    db,
    clock,
    perAddressPerMinute: config.loginRateLimit,
    perUsernamePerHour: config.loginUserLimit,
  });

  /** Checks the credentials within the sign-in limits; a success (re)issues the device cookie. */
  async function signInWithPassword(request: FastifyRequest, reply: FastifyReply): Promise<UserRow> {
    const { username, password } = request.body as Credentials;
    const now = clock.now();
    const deviceId = deviceIdFor(deviceSecret, request.cookies[DEVICE_COOKIE], username, now);
    // request.ip is undefined once the client has hung up; it gets no answer then anyway.
    const user = await signIn(db, limiter, { address: request.ip ?? '', username, deviceId }, password);
    reply.setCookie(DEVICE_COOKIE, issueDeviceCookie(deviceSecret, username, now), {
      path: '/api/auth/',
      httpOnly: true,
      sameSite: 'strict',
      secure: config.secureCookies,
      maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
    });
    return user;
  }

  app.post(
    '/api/auth/token/',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Obtain an access/refresh token pair',
        body: Credentials,
        response: { 200: TokenPair, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => issueTokenPair(tokens, await signInWithPassword(request, reply)),
  );

  app.post(
    '/api/auth/token/refresh/',
    {
      // Not sign-in limited: a refresh token cannot be guessed, and a client that refreshes often
      // must not use up the sign-in budget of its address.
      config: { public: true },
      schema: {
        tags,
        summary: 'Exchange a refresh token for a new access token',
        body: RefreshRequest,
        response: { 200: AccessToken, 400: ErrorBody, 401: ErrorBody },
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
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in the browser: sets the session cookie and returns the CSRF token',
        body: Credentials,
        response: { 200: Session, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const user = await signInWithPassword(request, reply);
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
      const ended = sessionToken ? await endSession(db, sessionToken) : undefined;
      // Other tabs of this session may hold live streams, on any process: they end too.
      if (ended) deps.bus.publish({ name: 'session_ended', payload: ended });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me/',
    { schema: { tags, summary: 'The signed-in user', response: { 200: User, 401: ErrorBody } } },
    async (request) => toUser(await signedInUser(db, currentUser(request).userId)),
  );
}
