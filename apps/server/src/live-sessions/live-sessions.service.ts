// Live sessions: the webinar's host or an admin starts and ends one; approved registrants join.
// Starting notifies every approved registrant, ending every participant, each in the same
// transaction as the state change, so a start that fails notifies nobody.
import { canManageWebinar, type LiveSession } from '@webinar/contracts';
import { AppError } from '../app-error.ts';
import type { AuthContext } from '../auth/authenticate.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { inTransaction, type Tx } from '../db/transaction.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import { liveSessionEndedNotification } from '../notifications/triggers/live-session-ended.ts';
import { liveSessionStartedNotification } from '../notifications/triggers/live-session-started.ts';
import { isApprovedRegistrant } from '../registrations/registrations.repository.ts';
import { findWebinarRow, updateWebinar } from '../webinars/webinars.repository.ts';
import { findManageableWebinar } from '../webinars/webinars.service.ts';
import * as repo from './live-sessions.repository.ts';

interface Deps {
  db: Db;
  clock: Clock;
  bus: EventBus;
  notifications: NotificationService;
}

/** Notifications offer "Join now" while their webinar is live: kept copies of them must follow. */
function publishStatusChange(deps: Deps, tx: Tx, webinarId: number): void {
  tx.afterCommit(() => deps.bus.publish({ name: 'webinar_changed', payload: { webinarId } }));
}

function toLiveSession(row: {
  id: number;
  webinar_id: number;
  started_at: Date;
  ended_at: Date | null;
}): LiveSession {
  return {
    id: row.id,
    webinar_id: row.webinar_id,
    started_at: row.started_at.toISOString(),
    ended_at: row.ended_at ? row.ended_at.toISOString() : null,
  };
}

export function start(deps: Deps, actor: AuthContext, webinarId: number) {
  return inTransaction(deps.db, async (tx) => {
    const webinar = await findManageableWebinar(tx.db, actor, webinarId, true);
    if (webinar.status === 'live') throw new AppError('conflict', 'This webinar is already live.');
    if (webinar.status === 'ended') throw new AppError('conflict', 'This webinar has ended.');
    const session = await repo.insertSession(tx.db, webinarId, actor.userId, deps.clock.now());
    await updateWebinar(tx.db, webinarId, { status: 'live' });
    publishStatusChange(deps, tx, webinarId);
    const { created } = await deps.notifications.createBulk(
      tx,
      liveSessionStartedNotification({ id: session.id, webinarId, webinarTitle: webinar.title }),
    );
    return { session: toLiveSession(session), webinar_status: 'live' as const, notified: created };
  });
}

export function end(deps: Deps, actor: AuthContext, webinarId: number) {
  return inTransaction(deps.db, async (tx) => {
    const webinar = await findManageableWebinar(tx.db, actor, webinarId, true);
    const open = webinar.status === 'live' ? await repo.findOpenSession(tx.db, webinarId) : undefined;
    if (!open) throw new AppError('conflict', 'This webinar is not live.');
    const session = await repo.endSession(tx.db, open.id, deps.clock.now());
    await updateWebinar(tx.db, webinarId, { status: 'ended' });
    publishStatusChange(deps, tx, webinarId);
    const { created } = await deps.notifications.createBulk(
      tx,
      liveSessionEndedNotification({ id: session.id, webinarId, webinarTitle: webinar.title }),
    );
    return { session: toLiveSession(session), webinar_status: 'ended' as const, notified: created };
  });
}

/** Approved registrants join; the webinar's host and admins may join without registering. */
export async function join(deps: Deps, actor: AuthContext, webinarId: number) {
  const webinar = await findWebinarRow(deps.db, webinarId);
  if (!webinar) throw AppError.notFound('Webinar not found.');
  if (
    !canManageWebinar({ id: actor.userId, role: actor.role }, webinar.host_id) &&
    !(await isApprovedRegistrant(deps.db, actor.userId, webinarId))
  ) {
    throw AppError.forbidden('Only approved registrants can join this live session.');
  }
  const session = webinar.status === 'live' ? await repo.findOpenSession(deps.db, webinarId) : undefined;
  if (!session) throw new AppError('conflict', 'This webinar is not live.');
  const joinedAt = await repo.addParticipant(deps.db, session.id, actor.userId, deps.clock.now());
  return { session: toLiveSession(session), joined_at: joinedAt.toISOString() };
}
