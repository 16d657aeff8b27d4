// The benchmark data set: U students (user00001, ..., each with a verified address at
// bench.example), one admin `benchadmin` hosting one webinar every student is registered for
// (approved), and K notifications per student spread over the last 30 days, the newest 20%
// unread. Built with set-based SQL (INSERT ... SELECT over generate_series), one batch per slice
// of rows, so half a million notifications load in seconds and the caller can show progress
// between batches.
import { NOTIFICATION_TYPE_LABELS, NOTIFICATION_TYPES, type NotificationType } from '@webinar/contracts';
import { sql } from 'kysely';
import { hashPassword } from '../auth/passwords.ts';
import type { Db } from '../db/database.ts';
import { OperatorError } from '../operator-error.ts';

export const BENCH_PASSWORD = 'bench-password';
export const BENCH_ADMIN = 'benchadmin';

export interface BenchOptions {
  users: number;
  perUser: number;
  /** Delete an earlier bench data set first; without it, an existing one is an error. */
  reset: boolean;
  /** "Now" for the timestamps; defaults to the start of the run. */
  now?: Date;
}

export type BenchProgress = (insertedNotifications: number, totalNotifications: number) => void;

export interface BenchResult {
  users: number;
  notifications: number;
  unread: number;
  adminId: number;
  webinarId: number;
  /** Users and notifications deleted by `reset`. */
  removedUsers: number;
}

export class BenchDataExistsError extends OperatorError {
  constructor(count: number) {
    super(
      `The database already has ${count} bench users (user00001... or ${BENCH_ADMIN}); ` +
        'run seed-bench with --reset to replace them.',
    );
  }
}

/**
 * Bench usernames: `user` and at least five digits, and `benchadmin`. Stricter than
 * "username like 'user%'" so a reset cannot delete a real account such as `username_joe`.
 */
const isBenchUser = sql<boolean>`(username = ${BENCH_ADMIN} or username ~ '^user[0-9]{5,}$')`;

/** Rows per INSERT: large enough to be set-based, small enough for a lively progress bar. */
const ROWS_PER_BATCH = 25_000;
const THIRTY_DAYS_MS = 30 * 86_400_000;
/** Users are spread over this many seconds within one notification slot (u mod 3600). */
const USER_SPREAD_SECONDS = 3600;
const TYPES_WITHOUT_WEBINAR: readonly NotificationType[] = ['announcement', 'system'];

export function benchUsername(userNumber: number, userCount: number): string {
  return `user${String(userNumber).padStart(usernameDigits(userCount), '0')}`;
}

function usernameDigits(userCount: number): number {
  return Math.max(5, String(userCount).length);
}

/** How many of each user's K notifications are unread: the newest 20%, rounded up. */
export function unreadPerUser(perUser: number): number {
  return Math.ceil(perUser / 5);
}

export async function seedBench(
  db: Db,
  options: BenchOptions,
  onProgress: BenchProgress,
): Promise<BenchResult> {
  const { users, perUser } = options;
  const now = (options.now ?? new Date()).getTime();
  const digits = usernameDigits(users);
  const total = users * perUser;
  // scrypt once for everybody: hashing 10,000 passwords would take longer than the whole load.
  const passwordHash = await hashPassword(BENCH_PASSWORD);

  const result = await db.transaction().execute(async (trx) => {
    const existing = Number(
      (
        await trx
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where(isBenchUser)
          .executeTakeFirstOrThrow()
      ).count,
    );
    if (existing > 0 && !options.reset) throw new BenchDataExistsError(existing);
    if (existing > 0) await removeBenchData(trx);

    const adminId = (
      await trx
        .insertInto('users')
        .values({
          username: BENCH_ADMIN,
          email: `${BENCH_ADMIN}@bench.example`,
          email_verified_at: new Date(now),
          display_name: 'Bench Admin',
          password_hash: passwordHash,
          role: 'admin',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

    for (let from = 1; from <= users; from += ROWS_PER_BATCH) {
      const to = Math.min(users, from + ROWS_PER_BATCH - 1);
      const username = sql<string>`'user' || lpad(g::text, ${digits}::int, '0')`;
      await sql`
        insert into users (username, email, email_verified_at, display_name, password_hash, role)
        select ${username}, ${username} || '@bench.example', ${new Date(now)}, 'Bench user ' || g,
          ${passwordHash}, 'student'
        from generate_series(${from}::int, ${to}::int) as g
        order by g`.execute(trx);
    }

    const webinarId = (
      await trx
        .insertInto('webinars')
        .values({
          title: 'Benchmark webinar',
          description: 'The webinar every bench user attends.',
          host_id: adminId,
          starts_at: new Date(now - THIRTY_DAYS_MS),
          duration_minutes: 60,
          status: 'ended',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    // Every bench user registered and approved, as the benchmark defines.
    await trx
      .insertInto('registrations')
      .columns(['user_id', 'webinar_id', 'status', 'decided_at'])
      .expression(
        trx
          .selectFrom('users')
          .select(['id', sql<number>`${webinarId}::int`.as('webinar_id')])
          .select([sql<'approved'>`'approved'`.as('status'), sql<Date>`now()`.as('decided_at')])
          .where('role', '=', 'student')
          .where(isBenchUser),
      )
      .execute();

    const stepMs = THIRTY_DAYS_MS / perUser;
    const firstUnread = perUser - unreadPerUser(perUser);
    let inserted = 0;
    onProgress(0, total);
    // Slot j outer, users inner: the table holds everybody's oldest first, so one user's rows
    // are scattered through it as in a real system, not stored next to each other.
    for (let j = 0; j < perUser; j++) {
      const type = NOTIFICATION_TYPES[j % NOTIFICATION_TYPES.length]!;
      const slotTime = new Date(now - Math.round((perUser - 1 - j) * stepMs));
      const isRead = j < firstUnread;
      const webinar = TYPES_WITHOUT_WEBINAR.includes(type) ? null : webinarId;
      const title = `${NOTIFICATION_TYPE_LABELS[type]} #${j + 1}`;
      const content = `Benchmark notification ${j + 1} of ${perUser}.`;
      for (let from = 1; from <= users; from += ROWS_PER_BATCH) {
        const to = Math.min(users, from + ROWS_PER_BATCH - 1);
        // Ordered by time (older users' offsets first) so ids follow created_at across the table.
        await sql`
          insert into notifications
            (user_id, notification_type, title, content, webinar_id, is_read, read_at, created_at)
          select u.id, ${type}, ${title}, ${content}, ${webinar}::int, ${isRead}::boolean,
                 case when ${isRead}::boolean then slot.created_at end, slot.created_at
          from generate_series(${from}::int, ${to}::int) as g
          join users u on u.username = 'user' || lpad(g::text, ${digits}::int, '0')
          cross join lateral (
            select ${slotTime}::timestamptz - make_interval(secs => g % ${USER_SPREAD_SECONDS}::int) as created_at
          ) as slot
          order by slot.created_at, g`.execute(trx);
        inserted += to - from + 1;
        onProgress(inserted, total);
      }
    }
    return { adminId, webinarId, removedUsers: existing };
  });

  // Fresh statistics, so the first benchmark queries get the plans they will get in production.
  await sql`vacuum analyze users, webinars, notifications`.execute(db);
  return { ...result, users, notifications: total, unread: users * unreadPerUser(perUser) };
}

/** Deletes the bench users and everything of theirs; their webinars go too (host_id has no cascade). */
async function removeBenchData(db: Db): Promise<void> {
  const benchUserIds = db.selectFrom('users').select('id').where(isBenchUser);
  // Explicitly first: one set-based delete beats a cascade that deletes user by user.
  await db.deleteFrom('notifications').where('user_id', 'in', benchUserIds).execute();
  await db.deleteFrom('notification_read_marks').where('user_id', 'in', benchUserIds).execute();
  await db.deleteFrom('webinars').where('host_id', 'in', benchUserIds).execute();
  await db.deleteFrom('users').where(isBenchUser).execute();
}
