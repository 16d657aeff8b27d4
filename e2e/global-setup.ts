// The screenshots are this run's output only: the folder is emptied before the tests, and what they
// wrote is listed after them (the function returned here is Playwright's global teardown).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const screenshotsDir = fileURLToPath(new URL('./screenshots/', import.meta.url));

export default function clearScreenshots(): () => void {
  rmSync(screenshotsDir, { recursive: true, force: true });
  return listScreenshots;
}

function listScreenshots(): void {
  const files = existsSync(screenshotsDir)
    ? readdirSync(screenshotsDir)
        .filter((name) => name.endsWith('.png'))
        .sort()
    : [];
  if (files.length === 0) {
    console.log('[e2e] no screenshots were written');
    return;
  }
  console.log(`[e2e] screenshots (${files.length}):`);
  for (const name of files) console.log(`  ${path.join('e2e', 'screenshots', name)}`);
}
