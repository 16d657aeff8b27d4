// Checks for the browser tests: axe-core's accessibility rules (zero violations of any impact), and
// a guard that fails the test on a console error or a failed request it did not expect. Every page a
// test opens is guarded (fixtures.ts); a test reaches its page's guard to allow an error it causes.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Runs axe on the page as it is now; `label` names the state in the failure message. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  // Legacy mode runs axe in the page itself instead of merging each frame's results in a new blank
  // page, and only violations carry their nodes: together about a third of the time per run. What
  // legacy mode leaves out, cross-origin frames, axe could not enter here anyway: the app's one
  // frame, the sandboxed email preview, runs no script.
  const { violations } = await new AxeBuilder({ page })
    .setLegacyMode()
    .options({ resultTypes: ['violations'] })
    .analyze();
  const found = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
        .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replaceAll('\n', ' ')}`)
        .join('\n')}`,
  );
  expect(found, `axe violations on ${label}`).toEqual([]);
}

export interface ConsoleGuard {
  /** Lets through console errors and failed responses whose text matches (an error the test causes). */
  expect(pattern: RegExp): void;
  /** Fails the test if anything unexpected was logged or failed since the guard was set. */
  check(): void;
}

const guardOfPage = new WeakMap<Page, ConsoleGuard>();
/** The guards set since the current test began; fixtures.ts checks them when it ends. */
let guardsOfThisTest: ConsoleGuard[] = [];

/**
 * The page's guard, set on its first call: records console errors, uncaught page errors and
 * responses of 400 or more from the app's own origin, until the test ends.
 */
export function guardConsole(page: Page): ConsoleGuard {
  const existing = guardOfPage.get(page);
  if (existing) return existing;
  const problems: string[] = [];
  const expected: RegExp[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    const origin = new URL(page.url() || response.url()).origin;
    if (response.status() >= 400 && response.url().startsWith(origin))
      problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    // A request the page itself cancelled (navigation, an aborted fetch, a closed stream) is normal.
    if (!/ERR_ABORTED/.test(reason))
      problems.push(`request failed: ${request.method()} ${request.url()} (${reason})`);
  });
  const guard: ConsoleGuard = {
    expect(pattern) {
      expected.push(pattern);
    },
    check() {
      const unexpected = problems.filter((problem) => !expected.some((pattern) => pattern.test(problem)));
      expect(unexpected, 'console errors or failed requests').toEqual([]);
    },
  };
  guardOfPage.set(page, guard);
  guardsOfThisTest.push(guard);
  return guard;
}

/** Checks, then forgets, every guard set since the last call (at the end of each test). */
export function checkGuardsOfThisTest(): void {
  const guards = guardsOfThisTest;
  guardsOfThisTest = [];
  for (const guard of guards) guard.check();
}
