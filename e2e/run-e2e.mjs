#!/usr/bin/env node
// The e2e workspace's `npm test`: builds the web app, starts the real server on a fresh embedded
// database (demo data seeded at start) and a free port, runs the Playwright suite against it with
// Debian's Chromium, then stops the server and removes its data folder whatever happened. Exits
// with Playwright's code; exits 0 with a plain message when no Chromium is installed.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(e2eDir, '..');
const screenshotsDir = path.join(e2eDir, 'screenshots');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

function log(message) {
  console.log(`[e2e] ${message}`);
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean);
  return candidates.find(isExecutable);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** The command being run by run(), to pass a SIGINT/SIGTERM on to. */
let current;

/** Runs a command to completion with inherited output; resolves with its exit code. */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
    current = child;
    child.on('error', (error) => {
      console.error(`[e2e] could not run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilReady(baseUrl, server) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`the server exited before it was ready (code ${server.exitCode ?? server.signalCode})`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

async function stopServer(server) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  const timer = setTimeout(() => {
    log('the server did not stop within 10 s of SIGTERM; killing it');
    server.kill('SIGKILL');
  }, STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function listScreenshots() {
  const files = existsSync(screenshotsDir)
    ? readdirSync(screenshotsDir)
        .filter((name) => name.endsWith('.png'))
        .sort()
    : [];
  if (files.length === 0) {
    log('no screenshots were written');
    return;
  }
  log(`screenshots (${files.length}):`);
  for (const name of files) console.log(`  ${path.relative(repoRoot, path.join(screenshotsDir, name))}`);
}

async function main() {
  const chromium = findChromium();
  if (!chromium) {
    console.log("Skipping browser tests: no Chromium found (set CHROMIUM_PATH or install Debian's chromium)");
    return 0;
  }
  log(`using Chromium at ${chromium}`);

  log('building the web app (npm run build --workspace apps/web)');
  const buildCode = await run('npm', ['run', 'build', '--workspace', 'apps/web']);
  if (buildCode !== 0) {
    console.error(`[e2e] the web app did not build (exit code ${buildCode}); not running the browser tests`);
    return buildCode;
  }

  // The browsers test the server as `npm start` runs it: built, so a bundling mistake shows here.
  log('building the server (apps/server/scripts/build.mjs)');
  const serverBuildCode = await run(process.execPath, ['apps/server/scripts/build.mjs']);
  if (serverBuildCode !== 0) {
    console.error(
      `[e2e] the server did not build (exit code ${serverBuildCode}); not running the browser tests`,
    );
    return serverBuildCode;
  }

  // Screenshots are the tests' output for this run only.
  rmSync(screenshotsDir, { recursive: true, force: true });

  const dataDir = mkdtempSync(path.join(tmpdir(), 'webinar-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let server;
  let exitCode = 1;

  let interrupted = false;
  const onSignal = (signal) => {
    if (interrupted) return;
    interrupted = true;
    log(`received ${signal}; stopping the tests, then cleaning up`);
    if (current && current.exitCode === null) current.kill(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    log(`starting the server on ${baseUrl} (data in ${dataDir})`);
    server = spawn(process.execPath, ['--enable-source-maps', 'apps/server/dist/main.js'], {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        REMINDER_INTERVAL: '0',
        // Every scenario signs in through the UI from the same address: the default (10 a
        // minute) would rate-limit the suite itself.
        LOGIN_RATE_LIMIT: '1000',
        SEED_DEMO: 'true',
      },
    });
    await waitUntilReady(baseUrl, server);
    if (interrupted) throw new Error('interrupted before the tests started');
    log('server ready; running Playwright');

    // Arguments after `--` go to Playwright: `npm test --workspace e2e -- push.spec.ts` runs one file.
    exitCode = await run(
      'npx',
      ['playwright', 'test', '-c', 'e2e/playwright.config.ts', ...process.argv.slice(2)],
      {
        env: { ...process.env, BASE_URL: baseUrl, CHROMIUM_PATH: chromium },
      },
    );
  } catch (error) {
    console.error(`[e2e] ${error instanceof Error ? error.message : error}`);
    exitCode = 1;
  } finally {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
    log('server stopped and data folder removed');
    listScreenshots();
  }
  return exitCode;
}

process.exitCode = await main();
