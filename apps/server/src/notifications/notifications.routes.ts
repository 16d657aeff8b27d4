// The signed-in user's own notifications: /api/communications/notifications/...

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  IdParams,
  MarkAllReadResult,
  Notification,
  NotificationList,
  NotificationListQuery,
  NotificationPage,
  Preferences,
  PreferencesUpdate,
  UNREAD_POLL_INTERVAL_MS,
  UnreadCount,
} from '@webinar/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { AppDeps } from '../app-deps.ts';
import { currentUser } from '../auth/authenticate.ts';

const BASE = '/api/communications/notifications';
const tags = ['notifications'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/**
 * The next page's link: the same query with the cursor moved on, under PUBLIC_URL when it is set,
 * else relative to the server. Never from the request's Host or X-Forwarded-* headers, which
 * whoever sends the request (or a proxy in front) writes.
 */
function nextPageUrl(request: FastifyRequest, cursor: string | null, publicUrl: string | undefined) {
  if (cursor === null) return null;
  const url = new URL(request.url, 'http://unused.invalid');
  url.searchParams.set('cursor', cursor);
  return `${publicUrl ?? ''}${url.pathname}${url.search}`;
}

/**
 * Answers that change the user's notifications carry the state version they reached; the client
 * sends it back in the unread count's `If-None-Match` (`"unread-<count>-<version>"`), so that no
 * process answers it from a state older than one it was given.
 */
const VERSION_HEADER = 'notifications-version';

function withVersion<T>(reply: FastifyReply, answer: { value: T; version: number }): T {
  reply.header(VERSION_HEADER, String(answer.version));
  return answer.value;
}

const UNREAD_ETAG = /^(?:W\/)?"unread-\d{1,16}-(\d{1,16})"$/;

/** The newest state version named by `If-None-Match` (0 when none). */
function claimedVersion(header: string | undefined): number {
  let newest = 0;
  for (const tag of header?.split(',') ?? []) {
    const version = Number(UNREAD_ETAG.exec(tag.trim())?.[1] ?? 0);
    if (version > newest) newest = version;
  }
  return newest;
}

/**
 * Whether `If-None-Match` names this ETag. A list of tags and weak tags count, as HTTP says
 * (RFC 9110 §13.1.2): a proxy that compresses the body turns "unread-3-7" into W/"unread-3-7".
 */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

export async function notificationRoutes(plain: FastifyInstance, deps: AppDeps) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { db, notifications, config } = deps;

  app.get(
    `${BASE}/`,
    {
      schema: {
        tags,
        summary: 'My notifications, newest first (cursor pagination)',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...errors },
      },
    },
    async (request) => {
      const { cursor, page_size, unread, type, archived } = request.query;
      const page = await notifications.list(db, currentUser(request).userId, {
        cursor,
        pageSize: page_size ?? 20,
        unread,
        type,
        archived,
      });
      return { ...page, next: nextPageUrl(request, page.next_cursor, config.publicUrl) };
    },
  );

  app.get(
    `${BASE}/recent/`,
    {
      schema: { tags, summary: 'My 10 newest notifications', response: { 200: NotificationList, ...errors } },
    },
    async (request) => ({ results: await notifications.recent(db, currentUser(request).userId) }),
  );

  app.get(
    `${BASE}/unread-count/`,
    {
      schema: {
        tags,
        summary: 'How many of my notifications are unread (ETag: a poll that changed nothing gets 304)',
        response: { 200: UnreadCount, 304: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const ifNoneMatch = request.headers['if-none-match'];
      const { value: count, version } = await notifications.unreadCount(
        db,
        currentUser(request).userId,
        claimedVersion(ifNoneMatch),
      );
      const etag = `"unread-${count}-${version}"`;
      // The hint tells pollers how often to ask when the live stream is not available (seconds).
      reply
        .header('etag', etag)
        .header('cache-control', 'private, no-cache')
        .header('x-poll-interval', String(UNREAD_POLL_INTERVAL_MS / 1000));
      if (etagMatches(ifNoneMatch, etag)) return reply.status(304).send(null);
      return { unread_count: count };
    },
  );

  app.post(
    `${BASE}/mark-all-read/`,
    {
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        response: { 200: MarkAllReadResult, ...errors },
      },
    },
    async (request, reply) =>
      withVersion(reply, await notifications.markAllRead(db, currentUser(request).userId)),
  );

  app.get(
    `${BASE}/preferences/`,
    {
      schema: {
        tags,
        summary: 'Which notification types I receive (true) or muted (false)',
        response: { 200: Preferences, ...errors },
      },
    },
    async (request) => notifications.preferences(db, currentUser(request).userId),
  );

  app.put(
    `${BASE}/preferences/`,
    {
      schema: {
        tags,
        summary: 'Mute or unmute notification types (system cannot be muted)',
        body: PreferencesUpdate,
        response: { 200: Preferences, ...errors },
      },
    },
    async (request) => notifications.updatePreferences(db, currentUser(request).userId, request.body),
  );

  app.get(
    `${BASE}/:id/`,
    {
      schema: {
        tags,
        summary: 'One of my notifications',
        params: IdParams,
        response: { 200: Notification, ...errors },
      },
    },
    async (request) => notifications.get(db, currentUser(request).userId, Number(request.params.id)),
  );

  for (const [action, read] of [
    ['mark-read', true],
    ['mark-unread', false],
  ] as const) {
    app.post(
      `${BASE}/:id/${action}/`,
      {
        schema: {
          tags,
          summary: read ? 'Mark one of my notifications read' : 'Mark one of my notifications unread',
          params: IdParams,
          response: { 200: Notification, ...errors },
        },
      },
      async (request, reply) =>
        withVersion(
          reply,
          await notifications.setRead(db, currentUser(request).userId, Number(request.params.id), read),
        ),
    );
  }

  for (const [action, archive] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    app.post(
      `${BASE}/:id/${action}/`,
      {
        schema: {
          tags,
          summary: archive
            ? 'Archive one of my notifications: out of the inbox, kept, and marked read'
            : 'Restore one of my archived notifications to the inbox',
          params: IdParams,
          response: { 200: Notification, ...errors },
        },
      },
      async (request, reply) =>
        withVersion(
          reply,
          await notifications.setArchived(
            db,
            currentUser(request).userId,
            Number(request.params.id),
            archive,
          ),
        ),
    );
  }

  app.delete(
    `${BASE}/:id/`,
    {
      schema: {
        tags,
        summary: 'Delete (dismiss) one of my notifications',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const version = await notifications.remove(db, currentUser(request).userId, Number(request.params.id));
      return reply.header(VERSION_HEADER, String(version)).status(204).send(null);
    },
  );
}
