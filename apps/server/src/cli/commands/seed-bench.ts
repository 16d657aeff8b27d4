// `seed-bench`: loads the benchmark data set (see seed/bench.ts) with a progress bar.
import { Command } from 'commander';
import { withDatabase } from '../database.ts';
import { positiveInteger } from '../parsers.ts';
import { createProgressBar, type ProgressBar } from '../progress.ts';

interface SeedBenchOptions {
  users: number;
  perUser: number;
  reset?: boolean;
}

export function seedBenchCommand(): Command {
  return new Command('seed-bench')
    .description('Load the benchmark data set: bench users, one webinar, K notifications per user')
    .requiredOption('--users <count>', 'number of bench users (user00001, ...)', positiveInteger)
    .requiredOption('--per-user <count>', 'notifications per user', positiveInteger)
    .option('--reset', 'delete an earlier bench data set first')
    .action(async (options: SeedBenchOptions) => {
      const { BENCH_ADMIN, BENCH_PASSWORD, benchUsername, seedBench } = await import('../../seed/bench.ts');
      let started = 0;
      let bar: ProgressBar | undefined;
      const result = await withDatabase(({ db }) => {
        started = performance.now();
        return seedBench(
          db,
          { users: options.users, perUser: options.perUser, reset: options.reset ?? false },
          (done, total) => {
            bar ??= createProgressBar(total, { unit: 'rows' });
            bar.update(done);
            // Finished before VACUUM ANALYZE, which follows the last batch and takes a while.
            if (done === total) bar.finish();
          },
        );
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (result.removedUsers > 0)
        console.log(`Removed ${result.removedUsers} earlier bench users and their data.`);
      console.log(
        `Created ${result.users} users (${benchUsername(1, result.users)}..${benchUsername(result.users, result.users)}) ` +
          `and admin ${BENCH_ADMIN}, webinar ${result.webinarId}, ` +
          `${result.notifications} notifications (${result.unread} unread) in ${seconds} s.`,
      );
      console.log(`Every bench account's password is "${BENCH_PASSWORD}".`);
    });
}
