// A job that must run once across all processes on one database (retention): the process that
// takes its lease runs it; the others skip until the lease lapses (a crashed holder) and the
// job's interval has passed since it last finished.
import type { Db } from '../db/database.ts';

export interface JobLease {
  name: string;
  /** How long a holder may go without renewing before another process may take over. */
  leaseMs: number;
  /** A run starts only this long after the last one finished. */
  intervalMs: number;
}

/** Takes the job's lease if it is free and due; true when this process should run it now. */
export async function takeJobLease(db: Db, job: JobLease, now: Date): Promise<boolean> {
  await db
    .insertInto('job_leases')
    .values({ name: job.name })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const taken = await db
    .updateTable('job_leases')
    .set({ leased_until: new Date(now.getTime() + job.leaseMs) })
    .where('name', '=', job.name)
    .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<', now)]))
    .where((eb) =>
      eb.or([
        eb('finished_at', 'is', null),
        eb('finished_at', '<=', new Date(now.getTime() - job.intervalMs)),
      ]),
    )
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/** Keeps the lease of a long run from lapsing. */
export async function renewJobLease(db: Db, job: JobLease, now: Date): Promise<void> {
  await db
    .updateTable('job_leases')
    .set({ leased_until: new Date(now.getTime() + job.leaseMs) })
    .where('name', '=', job.name)
    .execute();
}

export async function finishJob(db: Db, job: JobLease, now: Date): Promise<void> {
  await db
    .updateTable('job_leases')
    .set({ leased_until: null, finished_at: now })
    .where('name', '=', job.name)
    .execute();
}
