// Proof that a user's queries read only that user's rows: the real repository queries, captured
// as they run, are EXPLAINed on PostgreSQL over 120k notifications of 2,000 users whose rows are
// interleaved through the table as in real life. Runs in the PostgreSQL suite only.
import { type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../src/db/database.ts';
import type { Database } from '../../src/db/schema.ts';
import * as repo from '../../src/notifications/notifications.repository.ts';
import { createTestDatabase, usePostgres } from '../helpers/database.ts';

const USERS = 2000;
const PER_USER = 60;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describe.skipIf(!usePostgres)('notification indexes on PostgreSQL', () => {
  let database: DatabaseHandle;
  let captured: CompiledQuery[] = [];
  let capturing: Db;
  let pool: pg.Pool;
  const userId = 777;

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await sql`insert into users (username, password_hash, role)
      select 'u' || g, 'x', 'student' from generate_series(1, ${USERS}) g`.execute(db);
    // Round-robin over users, so each user's rows are scattered across the whole table.
    await sql`insert into notifications (user_id, notification_type, title, content, is_read, created_at)
      select u, 'system', 'title ' || j, 'content', j < ${PER_USER * 0.8},
             now() - make_interval(secs => (${PER_USER} - j) * 3600 + u)
      from generate_series(0, ${PER_USER - 1}) j, generate_series(1, ${USERS}) u
      order by j, u`.execute(db);
    await sql`analyze`.execute(db);

    // A second Kysely on the same database that records the SQL the repository builds.
    const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(db);
    const admin = new URL(process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
    admin.pathname = `/${rows[0]!.db}`;
    pool = new pg.Pool({ connectionString: admin.toString(), max: 2 });
    capturing = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      log: (event) => {
        if (event.level === 'query') captured.push(event.query);
      },
    });
  }, 120_000);

  afterAll(async () => {
    await capturing?.destroy();
    await database?.close();
  });

  async function explainLast(): Promise<PlanNode[]> {
    const query = captured.at(-1)!;
    captured = [];
    const explained = await pool.query(
      `explain (analyze, format json) ${query.sql}`,
      query.parameters as unknown[],
    );
    return nodes(explained.rows[0]['QUERY PLAN'][0].Plan);
  }

  function expectOnlyOwnRows(plan: PlanNode[], ownRows: number) {
    const onNotifications = plan.filter((n) => n['Relation Name'] === 'notifications');
    expect(onNotifications.length).toBeGreaterThan(0);
    expect(plan.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'notifications')).toBe(
      false,
    );
    const indexNodes = plan.filter((n) => n['Index Name']?.startsWith('notifications'));
    expect(indexNodes.length).toBeGreaterThan(0);
    for (const node of [...onNotifications, ...indexNodes]) {
      if (node['Index Name'])
        expect(node['Index Name']).toMatch(/^notifications_user_(newest|unread|archived)_idx$/);
      expect((node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1)).toBeLessThanOrEqual(ownRows);
    }
  }

  it('serves "newest first" (first page and a later page) from the user index', async () => {
    const firstPage = await repo.listForUser(capturing, userId, { limit: 21 });
    expectOnlyOwnRows(await explainLast(), PER_USER);
    const last = firstPage.at(-2)!;
    await repo.listForUser(capturing, userId, {
      limit: 21,
      after: { createdAt: last.created_at, id: last.id },
    });
    expectOnlyOwnRows(await explainLast(), PER_USER);
  });

  it("serves the unread list and the unread count from the user's own index entries", async () => {
    await repo.listForUser(capturing, userId, { limit: 21, unread: true });
    const unreadList = await explainLast();
    expectOnlyOwnRows(unreadList, PER_USER);
    await repo.countUnread(capturing, userId);
    const count = await explainLast();
    expectOnlyOwnRows(count, PER_USER * 0.2);
    expect(count.some((n) => n['Index Name'] === 'notifications_user_unread_idx')).toBe(true);
  });

  it('filters by type within the user rows', async () => {
    await repo.listForUser(capturing, userId, { limit: 21, type: 'system' });
    expectOnlyOwnRows(await explainLast(), PER_USER);
  });

  it("serves the archived list from the user's own archived rows", async () => {
    await sql`update notifications set archived_at = now(), is_read = true
      where id in (select id from notifications where user_id = ${userId} order by id limit 5)`.execute(
      database.db,
    );
    await sql`analyze notifications`.execute(database.db);
    await repo.listForUser(capturing, userId, { limit: 21, archived: true });
    const plan = await explainLast();
    expectOnlyOwnRows(plan, PER_USER);
    expect(plan.some((n) => n['Index Name'] === 'notifications_user_archived_idx')).toBe(true);
  });
});
