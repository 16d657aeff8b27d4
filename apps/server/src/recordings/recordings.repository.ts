// All SQL about recordings.
import type { Db } from '../db/database.ts';

export interface RecordingRow {
  id: number;
  webinar_id: number;
  webinar_title: string;
  title: string;
  url: string;
  created_at: Date;
}

function selectRecordings(db: Db) {
  return db
    .selectFrom('recordings as rec')
    .innerJoin('webinars as w', 'w.id', 'rec.webinar_id')
    .select([
      'rec.id',
      'rec.webinar_id',
      'w.title as webinar_title',
      'rec.title',
      'rec.url',
      'rec.created_at',
    ]);
}

export function findRecording(db: Db, id: number): Promise<RecordingRow | undefined> {
  return selectRecordings(db).where('rec.id', '=', id).executeTakeFirst();
}

/**
 * Recordings, newest first; with `visibleTo`, only those of webinars that user hosts or is an
 * approved registrant of (who sees what is the service's rule).
 */
export async function listRecordings(
  db: Db,
  filter: { webinarId?: number; visibleTo?: number; offset: number; limit: number },
) {
  const scoped = () => {
    let query = selectRecordings(db);
    if (filter.webinarId !== undefined) query = query.where('rec.webinar_id', '=', filter.webinarId);
    const viewer = filter.visibleTo;
    if (viewer !== undefined) {
      query = query.where((eb) =>
        eb.or([
          eb('w.host_id', '=', viewer),
          eb.exists(
            eb
              .selectFrom('registrations as r')
              .select('r.id')
              .whereRef('r.webinar_id', '=', 'rec.webinar_id')
              .where('r.user_id', '=', viewer)
              .where('r.status', '=', 'approved'),
          ),
        ]),
      );
    }
    return query;
  };
  const [rows, total] = await Promise.all([
    scoped()
      .orderBy('rec.created_at', 'desc')
      .orderBy('rec.id', 'desc')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    scoped()
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, count: Number(total.count) };
}

export async function insertRecording(
  db: Db,
  values: { webinar_id: number; title: string; url: string; added_by: number; created_at: Date },
): Promise<number> {
  const row = await db.insertInto('recordings').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
