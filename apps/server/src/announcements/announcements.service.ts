// Announcements: admins make them and every other user is notified once, in the same transaction
// as the announcement is made or, for a scheduled one, as a scheduler marks it sent.
import {
  ANNOUNCEMENT_MAX_LEAD_DAYS,
  type Announcement,
  type AnnouncementCreate,
  type AnnouncementUpdate,
} from '@webinar/contracts';
import { AppError } from '../app-error.ts';
import type { AuthContext } from '../auth/authenticate.ts';
import type { Clock } from '../clock.ts';
import { parseDateTime } from '../dates.ts';
import type { Db } from '../db/database.ts';
import { inTransaction, type Tx } from '../db/transaction.ts';
import { type IdempotentRequest, runOnce } from '../idempotency/idempotency.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import { newAnnouncementNotification } from '../notifications/triggers/new-announcement.ts';
import * as repo from './announcements.repository.ts';

interface Deps {
  db: Db;
  clock: Clock;
  notifications: NotificationService;
  /** Told when a send_at was set, so this process's timer follows it. */
  announcementScheduler?: { wake(): void };
}

const DAY_MS = 86_400_000;

function toAnnouncement(row: repo.AnnouncementRow): Announcement {
  return {
    id: row.id,
    title: row.title,
    content: row.content,
    author:
      row.author_id === null
        ? null
        : {
            id: row.author_id,
            username: row.author_username ?? '',
            display_name: row.author_display_name ?? '',
          },
    state: row.state,
    send_at: row.send_at?.toISOString() ?? null,
    sent_at: row.sent_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

function invalidSendAt(problem: string): AppError {
  return new AppError('validation_error', `send_at ${problem}.`, { send_at: problem });
}

/** A send_at must be a real instant (see parseDateTime), in the future and at most a year ahead. */
export function parseSendAt(value: string, now: Date): Date {
  const date = parseDateTime(value, 'send_at', () => invalidSendAt('is not a valid date and time'));
  if (date.getTime() <= now.getTime()) throw invalidSendAt('must be in the future');
  if (date.getTime() > now.getTime() + ANNOUNCEMENT_MAX_LEAD_DAYS * DAY_MS)
    throw invalidSendAt(`must be at most ${ANNOUNCEMENT_MAX_LEAD_DAYS} days ahead`);
  return date;
}

/** Students and hosts see an announcement only once it has been sent. */
function sentOnly(actor: AuthContext): boolean {
  return actor.role !== 'admin';
}

export async function getAnnouncement(db: Db, actor: AuthContext, id: number): Promise<Announcement> {
  return findOrThrow(db, id, sentOnly(actor));
}

async function findOrThrow(db: Db, id: number, onlySent = false): Promise<Announcement> {
  const row = await repo.findAnnouncement(db, id, onlySent);
  if (!row) throw AppError.notFound('Announcement not found.');
  return toAnnouncement(row);
}

export async function listAnnouncements(
  db: Db,
  actor: AuthContext,
  query: { page?: number; page_size?: number },
) {
  const page = query.page ?? 1;
  const pageSize = query.page_size ?? 20;
  const { rows, count } = await repo.listAnnouncements(db, (page - 1) * pageSize, pageSize, sentOnly(actor));
  return { count, page, page_size: pageSize, results: rows.map(toAnnouncement) };
}

/** Notifies every user but the author of an announcement that has just been marked sent. */
export function notifyAnnouncement(
  deps: Deps,
  tx: Tx,
  announcement: { id: number; title: string; content: string; author_id: number | null },
) {
  return deps.notifications.createBulk(
    tx,
    newAnnouncementNotification({
      id: announcement.id,
      title: announcement.title,
      content: announcement.content,
      authorId: announcement.author_id,
    }),
  );
}

/**
 * Makes an announcement: without `send_at` it notifies every other user in the same transaction;
 * with one it notifies no one yet (a scheduler sends it then). A request repeated with the same
 * Idempotency-Key by the same admin makes nothing new: it gets the first one's answer.
 */
export async function createAnnouncement(
  deps: Deps,
  actor: AuthContext,
  input: AnnouncementCreate,
  idempotent?: IdempotentRequest,
) {
  const now = deps.clock.now();
  const sendAt = input.send_at === undefined ? null : parseSendAt(input.send_at, now);
  const { result, replayed } = await runOnce(deps.db, idempotent, async (tx) => {
    const values = { title: input.title, content: input.content, author_id: actor.userId };
    // A scheduled one waits for its send_at; one without is sent now.
    const state = sendAt
      ? { state: 'scheduled' as const, sent_at: null }
      : { state: 'sent' as const, sent_at: now };
    const id = await repo.insertAnnouncement(tx.db, { ...values, now, send_at: sendAt, ...state });
    const notified = sendAt ? 0 : (await notifyAnnouncement(deps, tx, { id, ...values })).created;
    return { announcement: await findOrThrow(tx.db, id), notified };
  });
  if (sendAt && !replayed) deps.announcementScheduler?.wake();
  return { ...result, replayed };
}

/** Why an announcement that is no longer waiting cannot change. */
async function notWaiting(db: Db, id: number): Promise<AppError> {
  const row = await repo.findAnnouncement(db, id);
  if (!row) return AppError.notFound('Announcement not found.');
  if (row.state === 'cancelled') return new AppError('conflict', 'This announcement was cancelled.');
  return new AppError('conflict', 'This announcement has already been sent.');
}

/**
 * Edits an announcement that has not gone out: a scheduled one, or a missed one (a new send_at
 * schedules it again). Once sent, its notification is out, so it cannot change any more.
 */
export async function updateAnnouncement(deps: Deps, id: number, input: AnnouncementUpdate) {
  const now = deps.clock.now();
  const sendAt = input.send_at === undefined ? undefined : parseSendAt(input.send_at, now);
  const changed = await repo.updateAnnouncement(deps.db, id, ['scheduled', 'missed'], {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.content !== undefined ? { content: input.content } : {}),
    // A new send_at schedules it (again: a missed one).
    ...(sendAt ? { send_at: sendAt, state: 'scheduled' as const } : {}),
    updated_at: now,
  });
  if (!changed) throw await notWaiting(deps.db, id);
  if (sendAt) deps.announcementScheduler?.wake();
  return findOrThrow(deps.db, id);
}

/** Cancels a scheduled or missed announcement: it will never be sent. */
export async function cancelAnnouncement(deps: Deps, id: number) {
  const now = deps.clock.now();
  const changed = await repo.changeState(deps.db, id, ['scheduled', 'missed'], {
    state: 'cancelled',
    updated_at: now,
  });
  if (!changed) throw await notWaiting(deps.db, id);
  return findOrThrow(deps.db, id);
}

/** Sends a scheduled or missed announcement now, notifying every other user once. */
export async function sendAnnouncementNow(deps: Deps, id: number) {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const changed = await repo.changeState(tx.db, id, ['scheduled', 'missed'], {
      state: 'sent',
      sent_at: now,
      updated_at: now,
    });
    if (!changed) throw await notWaiting(tx.db, id);
    const announcement = await findOrThrow(tx.db, id);
    const notified = await notifyAnnouncement(deps, tx, {
      ...announcement,
      author_id: announcement.author?.id ?? null,
    });
    return { announcement, notified: notified.created };
  });
}

export async function deleteAnnouncement(db: Db, id: number) {
  if (!(await repo.deleteAnnouncement(db, id))) throw AppError.notFound('Announcement not found.');
}
