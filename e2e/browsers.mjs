// Where the browser tests find their browsers, read by prepare.mjs and playwright.config.ts alike.
import { accessSync, constants } from 'node:fs';

function isExecutable(file) {
  if (!file) return false;
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Debian's Chromium, or CHROMIUM_PATH; undefined when there is none (the tests then skip). */
export const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find(isExecutable);

/**
 * Debian's old headless shell, or CHROMIUM_HEADLESS_SHELL_PATH: it runs every spec but the push
 * one (it has no Push API) on about half the CPU the full browser takes. Undefined without one.
 */
export const headlessShell = [
  process.env.CHROMIUM_HEADLESS_SHELL_PATH,
  '/usr/bin/chromium-headless-shell',
].find(isExecutable);
