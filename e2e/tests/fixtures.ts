// The `test` and `expect` every spec imports: Playwright's, with the base URL of this worker's own
// server (playwright.config.ts starts one per worker), and every page the test opens guarded
// (a11y.ts guardConsole), so a console error or a failed request fails the test that caused it.
import { test as base, type Page } from '@playwright/test';
import { checkGuardsOfThisTest, guardConsole } from './a11y.ts';

export { expect } from '@playwright/test';

export interface ServerOptions {
  /** The servers' URLs, one per worker (set by playwright.config.ts). */
  serverURLs: string[];
}

interface WorkerFixtures extends ServerOptions {
  /** This worker's server: the files it runs share its demo users with no other worker. */
  serverURL: string;
}

interface TestFixtures {
  page: Page;
  skipWithoutChromium: undefined;
  consoleGuards: undefined;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  serverURLs: [[], { option: true, scope: 'worker' }],
  serverURL: [
    async ({ serverURLs }, use, workerInfo) => {
      const url = serverURLs[workerInfo.parallelIndex];
      if (!url)
        throw new Error(`no server for worker ${workerInfo.parallelIndex} in ${serverURLs.join(', ')}`);
      await use(url);
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ serverURL }, use) => {
    await use(serverURL);
  },
  skipWithoutChromium: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a fixture needs from this pattern.
    async ({}, use, testInfo) => {
      // Set up before the browser is launched: prepare.mjs has said why nothing runs.
      testInfo.skip(!testInfo.project.use.launchOptions?.executablePath, 'no Chromium found');
      await use(undefined);
    },
    { auto: true },
  ],
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
