// All SQL about live sessions and who joined them.
import type { Db } from '../db/database.ts';

export async function insertSession(db: Db, webinarId: number, startedBy: number, now: Date) {
  return db
    .insertInto('live_sessions')
    .values({ webinar_id: webinarId, started_by: startedBy, started_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The session of the webinar that is live now, if any. */
export function findOpenSession(db: Db, webinarId: number) {
  return db
    .selectFrom('live_sessions')
    .selectAll()
    .where('webinar_id', '=', webinarId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

export async function endSession(db: Db, sessionId: number, now: Date) {
  return db
    .updateTable('live_sessions')
    .set({ ended_at: now })
    .where('id', '=', sessionId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Records a participant; joining twice keeps the first time. Returns when they joined. */
export async function addParticipant(db: Db, sessionId: number, userId: number, now: Date): Promise<Date> {
  await db
    .insertInto('live_session_participants')
    .values({ session_id: sessionId, user_id: userId, joined_at: now })
    .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
    .execute();
  const row = await db
    .selectFrom('live_session_participants')
    .select('joined_at')
    .where('session_id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.joined_at;
}
