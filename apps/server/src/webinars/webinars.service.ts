// Webinars: anyone signed in can browse them; hosts create and edit their own, admins any.
import {
  canManageWebinar,
  type Webinar,
  type WebinarCreate,
  type WebinarListQuery,
  type WebinarUpdate,
} from '@webinar/contracts';
import { AppError } from '../app-error.ts';
import type { AuthContext } from '../auth/authenticate.ts';
import type { Clock } from '../clock.ts';
import { parseDateTime } from '../dates.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { EventBus } from '../events/event-bus.ts';
import { forgetReminderDeliveries } from '../reminders/reminders.repository.ts';
import { findUserById } from '../users/users.repository.ts';
import { webinarCalendar } from './webinar-calendar.ts';
import { toWebinar } from './webinars.mapper.ts';
import * as repo from './webinars.repository.ts';

/** How far in the past a new start may be: the client's clock may run behind the server's. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** A start that is already over (give or take the clock skew) is no start a webinar can have. */
function futureStartsAt(value: string, clock: Clock): Date {
  const date = parseDateTime(value, 'starts_at');
  if (date.getTime() < clock.now().getTime() - CLOCK_SKEW_MS) {
    throw new AppError('validation_error', 'The request is invalid.', {
      starts_at: 'must not be in the past',
    });
  }
  return date;
}

export async function listWebinars(db: Db, actor: AuthContext, query: WebinarListQuery) {
  const page = query.page ?? 1;
  const pageSize = query.page_size ?? 20;
  const status = query.status === 'upcoming' ? 'scheduled' : query.status;
  const mine = query.mine
    ? actor.role === 'student'
      ? { registeredUserId: actor.userId }
      : { hostId: actor.userId }
    : {};
  const { rows, count } = await repo.listWebinars(db, actor.userId, {
    ...(status ? { status } : {}),
    ...mine,
    // Past webinars, the latest first; the others, the next first.
    newestFirst: status === 'ended',
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  return { count, page, page_size: pageSize, results: rows.map(toWebinar) };
}

export async function getWebinar(db: Db, actor: AuthContext, id: number): Promise<Webinar> {
  const row = await repo.findWebinar(db, actor.userId, id);
  if (!row) throw AppError.notFound('Webinar not found.');
  return toWebinar(row);
}

/** The webinar as an iCalendar file, for whoever may see it. */
export async function getWebinarCalendar(
  { db, clock }: { db: Db; clock: Clock },
  actor: AuthContext,
  id: number,
  publicUrl: string,
) {
  const row = await repo.findWebinar(db, actor.userId, id);
  if (!row) throw AppError.notFound('Webinar not found.');
  return webinarCalendar(row, publicUrl, clock.now());
}

/** The webinar, if the actor may manage it: 404 when it does not exist, 403 when not theirs. */
export async function findManageableWebinar(db: Db, actor: AuthContext, id: number, lock = false) {
  const webinar = lock ? await repo.lockWebinar(db, id) : await repo.findWebinarRow(db, id);
  if (!webinar) throw AppError.notFound('Webinar not found.');
  if (!canManageWebinar({ id: actor.userId, role: actor.role }, webinar.host_id))
    throw AppError.forbidden('Only the host of this webinar or an admin can do this.');
  return webinar;
}

export async function createWebinar(
  { db, clock }: { db: Db; clock: Clock },
  actor: AuthContext,
  input: WebinarCreate,
): Promise<Webinar> {
  let hostId = actor.userId;
  if (input.host_id !== undefined && input.host_id !== actor.userId) {
    if (actor.role !== 'admin') throw AppError.forbidden('Hosts create webinars they host themselves.');
    const host = await findUserById(db, input.host_id);
    if (!host || host.role === 'student') {
      throw new AppError('validation_error', 'The request is invalid.', {
        host_id: 'must be a host or an admin',
      });
    }
    hostId = host.id;
  }
  const id = await repo.insertWebinar(db, {
    title: input.title,
    description: input.description ?? '',
    host_id: hostId,
    starts_at: futureStartsAt(input.starts_at, clock),
    duration_minutes: input.duration_minutes ?? 60,
  });
  return getWebinar(db, actor, id);
}

/**
 * Edits a webinar. A start may move only to the future; the start it has, even a past one, may be
 * sent back unchanged, so that a client saving the whole form can still fix an ended webinar's title.
 */
export async function updateWebinar(
  { db, clock, bus }: { db: Db; clock: Clock; bus: EventBus },
  actor: AuthContext,
  id: number,
  input: WebinarUpdate,
): Promise<Webinar> {
  const webinar = await findManageableWebinar(db, actor, id);
  let startsAt: Date | undefined;
  if (input.starts_at !== undefined) {
    startsAt = parseDateTime(input.starts_at, 'starts_at');
    if (startsAt.getTime() !== webinar.starts_at.getTime()) startsAt = futureStartsAt(input.starts_at, clock);
  }
  await inTransaction(db, async (tx) => {
    await repo.updateWebinar(tx.db, id, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(startsAt !== undefined ? { starts_at: startsAt } : {}),
      ...(input.duration_minutes !== undefined ? { duration_minutes: input.duration_minutes } : {}),
    });
    // Reminders follow the start time: a new one gets its reminders again, even a start moved
    // back to one that was reminded before (registrants were told of the other meanwhile).
    if (startsAt !== undefined && startsAt.getTime() !== webinar.starts_at.getTime()) {
      await forgetReminderDeliveries(tx.db, id);
    }
  });
  // Notifications show their webinar's title: caches of them must not keep the old one.
  if (input.title !== undefined) bus.publish({ name: 'webinar_changed', payload: { webinarId: id } });
  return getWebinar(db, actor, id);
}

export async function deleteWebinar(db: Db, id: number, bus: EventBus): Promise<void> {
  if (!(await repo.deleteWebinar(db, id))) throw AppError.notFound('Webinar not found.');
  bus.publish({ name: 'webinar_changed', payload: { webinarId: id } });
}
