// Checks every browser test can add to a page: axe-core's accessibility rules (zero violations of
// any impact), and a guard that fails the test on a console error or a failed request it did not
// expect.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Runs axe on the page as it is now; `label` names the state in the failure message. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
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

/**
 * Records console errors, uncaught page errors and responses of 400 or more from the app's own
 * origin. Call `check()` at the end of the test (after the page's last action).
 */
export function guardConsole(page: Page): ConsoleGuard {
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
  return {
    expect(pattern) {
      expected.push(pattern);
    },
    check() {
      const unexpected = problems.filter((problem) => !expected.some((pattern) => pattern.test(problem)));
      expect(unexpected, 'console errors or failed requests').toEqual([]);
    },
  };
}
