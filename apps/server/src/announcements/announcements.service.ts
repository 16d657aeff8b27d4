// Announcements: admins make them and every other user is notified once, in the same transaction.
import type { Announcement } from '@webinar/contracts';
import type { AuthContext } from '../auth/authenticate.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/app-error.ts';
import { type IdempotentRequest, runOnce } from '../idempotency/idempotency.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import { newAnnouncementNotification } from '../notifications/triggers/new-announcement.ts';
import * as repo from './announcements.repository.ts';

interface Deps {
  db: Db;
  clock: Clock;
  notifications: NotificationService;
}

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
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export async function getAnnouncement(db: Db, id: number): Promise<Announcement> {
  const row = await repo.findAnnouncement(db, id);
  if (!row) throw AppError.notFound('Announcement not found.');
  return toAnnouncement(row);
}

export async function listAnnouncements(db: Db, query: { page?: number; page_size?: number }) {
  const page = query.page ?? 1;
  const pageSize = query.page_size ?? 20;
  const { rows, count } = await repo.listAnnouncements(db, (page - 1) * pageSize, pageSize);
  return { count, page, page_size: pageSize, results: rows.map(toAnnouncement) };
}

/**
 * Makes an announcement and notifies every other user, in one transaction. A request repeated with
 * the same Idempotency-Key by the same admin makes nothing new: it gets the first one's answer.
 */
export async function createAnnouncement(
  deps: Deps,
  actor: AuthContext,
  input: { title: string; content: string },
  idempotent?: IdempotentRequest,
) {
  const { result, replayed } = await runOnce(deps.db, idempotent, async (tx) => {
    const id = await repo.insertAnnouncement(tx.db, {
      ...input,
      author_id: actor.userId,
      now: deps.clock.now(),
    });
    const notified = await deps.notifications.createBulk(
      tx,
      newAnnouncementNotification({ id, ...input, authorId: actor.userId }),
    );
    return { announcement: await getAnnouncement(tx.db, id), notified: notified.created };
  });
  return { ...result, replayed };
}

/** Edits notify no one: the announcement's notification went out when it was made. */
export async function updateAnnouncement(
  deps: Deps,
  id: number,
  input: { title?: string; content?: string },
) {
  if (!(await repo.updateAnnouncement(deps.db, id, { ...input, updated_at: deps.clock.now() }))) {
    throw AppError.notFound('Announcement not found.');
  }
  return getAnnouncement(deps.db, id);
}

export async function deleteAnnouncement(db: Db, id: number) {
  if (!(await repo.deleteAnnouncement(db, id))) throw AppError.notFound('Announcement not found.');
}
