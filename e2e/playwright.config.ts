// Browser tests of the web app against the real server. `npm test --workspace e2e` builds the web
// app and the server (prepare.mjs), then runs `playwright test`: it starts one server per worker
// (serve.mjs: a fresh embedded database each, on a free port) and stops them at the end, and each
// worker's tests use their own server (tests/fixtures.ts).
// Against a server you started yourself (none is started then, and one worker runs the tests):
//   BASE_URL=http://127.0.0.1:8000 npx playwright test -c e2e/playwright.config.ts
import { type AddressInfo, createServer, type Server } from 'node:net';
import { defineConfig, devices } from '@playwright/test';
import { chromium, headlessShell } from './browsers.mjs';
import type { ServerOptions } from './tests/fixtures.ts';

// The tests share demo users (alice, bob, the host, the admin) within one server: each worker has
// a server of its own, never two on one server. Three workers on two cores: the digest spec's worker
// spends its minute waiting, while the other two keep the cores busy.
const WORKERS = 3;

/** Ports free right now, all different. */
async function freePorts(count: number): Promise<number[]> {
  const probes = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const probe = createServer();
          probe.on('error', reject);
          probe.listen(0, '127.0.0.1', () => resolve(probe));
        }),
    ),
  );
  const ports = probes.map((probe) => (probe.address() as AddressInfo).port);
  await Promise.all(probes.map((probe) => new Promise((resolve) => probe.close(resolve))));
  return ports;
}

// Every spec but the push one runs on the headless shell where there is one (see browsers.mjs).
const lightBrowser = chromium && (headlessShell ?? chromium);
const baseURLByHand = process.env.BASE_URL;
// The runner and then every worker load this file: the runner picks the ports, and the workers,
// which it starts with its environment, find them there.
if (!baseURLByHand) process.env.E2E_SERVER_PORTS ??= (await freePorts(WORKERS)).join(',');
const ports = baseURLByHand ? [] : (process.env.E2E_SERVER_PORTS ?? '').split(',').map(Number);
const serverURLs = baseURLByHand ? [baseURLByHand] : ports.map((port) => `http://127.0.0.1:${port}`);

export default defineConfig<object, ServerOptions>({
  testDir: './tests',
  outputDir: './test-results',
  globalSetup: './global-setup.ts',
  workers: serverURLs.length,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // A flaky test is a failing test: no retry hides it.
  retries: 0,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  webServer:
    baseURLByHand || !chromium
      ? undefined
      : ports.map((port, index) => ({
          name: `server ${index + 1}`,
          command: 'node serve.mjs',
          env: { PORT: String(port) },
          url: `http://127.0.0.1:${port}/readyz`,
          timeout: 60_000,
          stdout: 'pipe',
          // The server finishes its requests and closes its database; serve.mjs then removes its
          // data folder. Longer than the server's own SHUTDOWN_TIMEOUT, so nothing is cut short.
          gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
        })),
  use: {
    serverURLs,
    // The tests write their own screenshots to e2e/screenshots/.
    screenshot: 'off',
    video: 'off',
  },
  projects: [
    // Beside a Chromium only: without one, nothing was built and every test skips itself.
    // Listed first, so started first: the digest waits a minute on the server's clock.
    { name: 'email-digest', testMatch: /email-digest\.spec\.ts/, use: browserUse(lightBrowser) },
    { name: 'headless-shell', testIgnore: /(push|email-digest)\.spec\.ts/, use: browserUse(lightBrowser) },
    { name: 'chromium', testMatch: /push\.spec\.ts/, use: browserUse(chromium) },
  ],
});

function browserUse(executablePath: string | undefined) {
  return {
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 800 },
    // The live badge's dot pulses for as long as a webinar is live: asking for reduced motion, as
    // some users do, stops it, and with it a page drawn anew every frame for the whole test.
    reducedMotion: 'reduce' as const,
    launchOptions: {
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  };
}
