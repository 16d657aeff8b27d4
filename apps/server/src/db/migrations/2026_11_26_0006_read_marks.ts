// "Mark all read" records one row, a read mark, instead of rewriting every unread notification of
// the user: a mark says that every notification of the user with an id up to `read_through` was
// read at `marked_at`. A notification reads as read when its own flag says so or a mark covers it
// (notifications.repository.ts, read-state.repository.ts). A user's marks are folded into their
// rows ("settled") only when one covered row is made unread again, which is rare.
//
// On the bench's mark_all_read load this cut PostgreSQL's CPU per request and raised the requests
// served (the figures: see the commit that added this migration; docs/architecture.md, Read marks).
//
// Like notifications (migration 0003), marks have no foreign key to users: checking it locked the
// user's row for every mark, at a measurable cost in PostgreSQL's CPU per request.
//
// This migration rebuilds the partial unread index (migration 0004's, on user_id alone) on
// (user_id, id), so counting a user's unread rows above their latest mark is a range of that index.
//
// A mark must not cover a notification whose transaction had not committed when the mark was
// made: ids are given out when a row is inserted, not when it commits, so such a row could have
// an id below the mark and would read as read the moment it appeared. Every statement that
// inserts notifications therefore holds a shared advisory lock, the write gate, until its
// transaction ends (a trigger takes it, so no writer can forget), and a mark is made only when
// the gate can be taken alone at that moment (notification_writers_running()); the mark's
// statement computes its ids from a snapshot taken before that check, so every row it can cover
// has committed. While a writer runs, "mark all read" rewrites the rows instead, as it did before
// marks (notification_mark_all_read below). Writers never wait for each other, and a mark holds
// the gate only for the instant of its check.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table notification_read_marks (
    user_id integer not null,
    read_through bigint not null,
    marked_at timestamptz(3) not null,
    primary key (user_id, read_through))`.execute(db);

  // The gate's key: an advisory lock of its own (class 73 is used by nothing else here).
  await sql`create function notification_write_gate_hold() returns trigger language plpgsql as $$
    begin
      perform pg_advisory_xact_lock_shared(73, 1);
      return null;
    end $$`.execute(db);
  await sql`create trigger notifications_hold_write_gate before insert on notifications
    for each statement execute function notification_write_gate_hold()`.execute(db);
  await sql`create function notification_writers_running() returns boolean language sql volatile as $$
    select not (case when pg_try_advisory_lock(73, 1) then pg_advisory_unlock(73, 1) else false end)
  $$`.execute(db);

  await sql`drop index if exists notifications_user_unread_idx`.execute(db);
  await sql`create index notifications_user_unread_idx
    on notifications (user_id, id) where is_read = false`.execute(db);

  // Mark all read, for a batch of users: how many each had unread (those with none are left out).
  // One statement, so that its snapshot is taken before the gate is checked: every row it can see
  // as committed has an id below any row still being written. While a writer runs, the rows above
  // the user's latest mark are rewritten instead. A function, so that the statement is planned
  // once per connection: planned on every call, its planning cost more than its execution.
  await sql`create function notification_mark_all_read(user_ids int[], at timestamptz)
    returns table (user_id int, marked bigint) language plpgsql as $$
    #variable_conflict use_column
    begin
      return query
      with gate as materialized (select notification_writers_running() as writing),
      unread as (
        select u.user_id, marks.through, (
            select count(*) from notifications n
            where n.user_id = u.user_id and not n.is_read and n.id > marks.through) as count
          from unnest(user_ids) as u(user_id)
          cross join lateral (
            select coalesce(max(m.read_through), 0) as through from notification_read_marks m
            where m.user_id = u.user_id) as marks),
      marked as (
        insert into notification_read_marks (user_id, read_through, marked_at)
        select unread.user_id, (select max(id) from notifications), at from unread
        where unread.count > 0 and not (select writing from gate)
        on conflict do nothing),
      rewritten as (
        update notifications n set is_read = true, read_at = at
        from unread
        where (select writing from gate)
          and n.user_id = unread.user_id and not n.is_read and n.id > unread.through
        returning n.user_id)
      select unread.user_id, unread.count from unread
        where unread.count > 0 and not (select writing from gate)
      union all
      select rewritten.user_id, count(*) from rewritten group by rewritten.user_id;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The marks' notifications keep reading as read: their rows take the marks' state first.
  await sql`update notifications n set is_read = true, read_at = m.marked_at
    from (select user_id, read_through, marked_at,
                 lag(read_through, 1, 0::bigint) over (partition by user_id order by read_through) as above
            from notification_read_marks) m
    where n.user_id = m.user_id and n.id > m.above and n.id <= m.read_through and not n.is_read`.execute(db);
  await sql`drop function notification_mark_all_read(int[], timestamptz)`.execute(db);
  await sql`drop table notification_read_marks`.execute(db);
  await sql`drop function notification_writers_running()`.execute(db);
  await sql`drop trigger notifications_hold_write_gate on notifications`.execute(db);
  await sql`drop function notification_write_gate_hold()`.execute(db);
  await sql`drop index if exists notifications_user_unread_idx`.execute(db);
  await sql`create index notifications_user_unread_idx
    on notifications (user_id) where is_read = false`.execute(db);
}
