// Registrations: a student registers once; the webinar's host or an admin approves or rejects,
// and an approval notifies the student in the same transaction.
import { AppError } from '../app-error.ts';
import type { AuthContext } from '../auth/authenticate.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import { registrationApprovedNotification } from '../notifications/triggers/registration-approved.ts';
import { findWebinarRow } from '../webinars/webinars.repository.ts';
import { findManageableWebinar } from '../webinars/webinars.service.ts';
import { toRegistration } from './registrations.mapper.ts';
import * as repo from './registrations.repository.ts';

interface Deps {
  db: Db;
  clock: Clock;
  notifications: NotificationService;
}

type Status = 'pending' | 'approved' | 'rejected';

function paging(page = 1, pageSize = 20) {
  return { page, page_size: pageSize, offset: (page - 1) * pageSize, limit: pageSize };
}

export async function register(deps: Deps, actor: AuthContext, webinarId: number) {
  if (actor.role !== 'student') throw AppError.forbidden('Only students register for webinars.');
  const webinar = await findWebinarRow(deps.db, webinarId);
  if (!webinar) throw AppError.notFound('Webinar not found.');
  if (webinar.status === 'ended') throw new AppError('conflict', 'This webinar has ended.');
  const id = await repo.insertRegistration(deps.db, actor.userId, webinarId);
  if (id === null) throw new AppError('conflict', 'You are already registered for this webinar.');
  return toRegistration((await repo.findRegistration(deps.db, id))!);
}

export async function listMine(
  deps: Deps,
  actor: AuthContext,
  query: { page?: number; page_size?: number; status?: Status },
) {
  const { page, page_size, offset, limit } = paging(query.page, query.page_size);
  const { rows, count } = await repo.listRegistrations(deps.db, {
    userId: actor.userId,
    ...(query.status ? { status: query.status } : {}),
    offset,
    limit,
  });
  return { count, page, page_size, results: rows.map(toRegistration) };
}

export async function listForWebinar(
  deps: Deps,
  actor: AuthContext,
  webinarId: number,
  query: { page?: number; page_size?: number; status?: Status },
) {
  await findManageableWebinar(deps.db, actor, webinarId);
  const { page, page_size, offset, limit } = paging(query.page, query.page_size);
  const { rows, count } = await repo.listRegistrations(deps.db, {
    webinarId,
    ...(query.status ? { status: query.status } : {}),
    offset,
    limit,
  });
  return { count, page, page_size, results: rows.map(toRegistration) };
}

/** Approves or rejects; approving notifies the student once, however often it is repeated. */
export async function decide(
  deps: Deps,
  actor: AuthContext,
  registrationId: number,
  status: 'approved' | 'rejected',
) {
  const notified = await inTransaction(deps.db, async (tx) => {
    const registration = await repo.lockRegistration(tx.db, registrationId);
    if (!registration) throw AppError.notFound('Registration not found.');
    const webinar = await findManageableWebinar(tx.db, actor, registration.webinar_id);
    if (registration.status !== status) {
      await repo.setRegistrationStatus(tx.db, registrationId, status, deps.clock.now());
    }
    if (status !== 'approved') return 0;
    const result = await deps.notifications.createBulk(
      tx,
      registrationApprovedNotification({
        id: registration.id,
        userId: registration.user_id,
        webinarId: webinar.id,
        webinarTitle: webinar.title,
      }),
    );
    return result.created;
  });
  return { registration: toRegistration((await repo.findRegistration(deps.db, registrationId))!), notified };
}
