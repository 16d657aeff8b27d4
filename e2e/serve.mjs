#!/usr/bin/env node
// One server of the browser tests, as playwright.config.ts's webServer starts it (one per worker,
// on the PORT it is given): the built server on an embedded database of its own in a temporary folder,
// demo data seeded at start. The folder is removed once the server has exited, however it ends:
// stopped by Playwright (SIGTERM to this process group), crashed, or left behind by a test runner
// that went away (the end of the stdin Playwright holds open).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, fstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migratedDataDir } from './migrated-data.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'webinar-e2e-'));
// The database prepare.mjs migrated, copied (a few milliseconds) rather than made anew by initdb
// (seconds of CPU for each server); the secrets are this server's own. Without it, the server
// makes its database itself.
const migratedDatabase = path.join(migratedDataDir, 'pgdata');
if (existsSync(migratedDatabase)) cpSync(migratedDatabase, path.join(dataDir, 'pgdata'), { recursive: true });

const server = spawn(process.execPath, ['--enable-source-maps', 'apps/server/dist/main.js'], {
  cwd: repoRoot,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    REMINDER_INTERVAL: '0',
    // Every scenario signs in through the UI from the same address: the default (10 a minute)
    // would rate-limit the suite itself.
    LOGIN_RATE_LIMIT: '1000',
    SEED_DEMO: 'true',
  },
});

function stop(signal) {
  if (server.exitCode === null && server.signalCode === null) server.kill(signal);
}

// The server stops itself cleanly on these; this process waits for it, then cleans up.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => stop(signal));
// Playwright gives stdin as a socket; started by hand from a terminal or with no stdin, there is
// no runner to watch.
const stdin = fstatSync(0);
if (stdin.isSocket() || stdin.isFIFO()) {
  process.stdin.on('end', () => stop('SIGTERM'));
  process.stdin.resume();
}

function removeDataDir() {
  rmSync(dataDir, { recursive: true, force: true });
}

server.on('error', (error) => {
  console.error(`[e2e] could not start the server: ${error.message}`);
  removeDataDir();
  process.exit(1);
});
server.on('exit', (code, signal) => {
  removeDataDir();
  process.exit(code ?? (signal ? 1 : 0));
});
