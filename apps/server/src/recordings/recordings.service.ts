// Recordings: the webinar's host or an admin adds one and every approved registrant is notified
// in the same transaction.
import type { Recording } from '@webinar/contracts';
import { AppError } from '../app-error.ts';
import type { AuthContext } from '../auth/authenticate.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import { newRecordingNotification } from '../notifications/triggers/new-recording.ts';
import { findWebinarRow } from '../webinars/webinars.repository.ts';
import { findManageableWebinar } from '../webinars/webinars.service.ts';
import * as repo from './recordings.repository.ts';

interface Deps {
  db: Db;
  clock: Clock;
  notifications: NotificationService;
}

function toRecording(row: repo.RecordingRow): Recording {
  return {
    id: row.id,
    webinar: { id: row.webinar_id, title: row.webinar_title },
    title: row.title,
    url: row.url,
    created_at: row.created_at.toISOString(),
  };
}

export async function addRecording(
  deps: Deps,
  actor: AuthContext,
  webinarId: number,
  input: { title: string; url: string },
) {
  const { id, notified } = await inTransaction(deps.db, async (tx) => {
    const webinar = await findManageableWebinar(tx.db, actor, webinarId);
    const id = await repo.insertRecording(tx.db, {
      webinar_id: webinarId,
      title: input.title,
      url: input.url,
      added_by: actor.userId,
      created_at: deps.clock.now(),
    });
    const result = await deps.notifications.createBulk(
      tx,
      newRecordingNotification({ id, title: input.title, webinarId, webinarTitle: webinar.title }),
    );
    return { id, notified: result.created };
  });
  return { recording: toRecording((await repo.findRecording(deps.db, id))!), notified };
}

export async function listRecordings(
  db: Db,
  actor: AuthContext,
  query: { webinarId?: number; page?: number; page_size?: number },
) {
  if (query.webinarId !== undefined && !(await findWebinarRow(db, query.webinarId))) {
    throw AppError.notFound('Webinar not found.');
  }
  const page = query.page ?? 1;
  const pageSize = query.page_size ?? 20;
  const { rows, count } = await repo.listRecordings(db, {
    ...(query.webinarId !== undefined ? { webinarId: query.webinarId } : {}),
    // Admins see every recording; anyone else those of webinars they host or are approved for.
    ...(actor.role === 'admin' ? {} : { visibleTo: actor.userId }),
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  return { count, page, page_size: pageSize, results: rows.map(toRecording) };
}
