// The `test` and `expect` every spec imports: Playwright's, with every page the test opens guarded
// (a11y.ts guardConsole), so a console error or a failed request fails the test that caused it.
import { test as base, type Page } from '@playwright/test';
import { checkGuardsOfThisTest, guardConsole } from './a11y.ts';

export { expect } from '@playwright/test';

export const test = base.extend<{ page: Page; consoleGuards: undefined }>({
  page: async ({ page }, use) => {
    guardConsole(page);
    await use(page);
  },
  consoleGuards: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a fixture needs from this pattern.
    async ({}, use, testInfo) => {
      await use(undefined);
      // A test that already failed keeps its own error as the one reported.
      if (testInfo.status === testInfo.expectedStatus) checkGuardsOfThisTest();
    },
    { auto: true },
  ],
});
