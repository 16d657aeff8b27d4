// Running the real server as a separate process the way `npm start` does, running the CLI, and
// sampling the CPU time and memory of a process tree from /proc.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../..');
const CLOCK_TICKS = 100; // USER_HZ on Linux

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Builds the server the way `npm start` does (once per bench run). */
export function buildServer(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['apps/server/scripts/build.mjs'], { cwd: REPO, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`server build exited ${code}`))));
  });
}

/** The environment and Node options that the server's `npm start` runs it with (apps/server/package.json). */
function startCommand(): { env: Record<string, string>; nodeOptions: string[] } {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'apps/server/package.json'), 'utf8'));
  const match = /((?:[A-Z_]+=\S+ )*)node ((?:--\S+ )*)dist\/main\.js/.exec(manifest.scripts.start);
  if (!match?.[2])
    throw new Error('apps/server start script: expected "[VAR=value ...] node [options] dist/main.js"');
  const env = Object.fromEntries(
    (match[1] ?? '')
      .split(' ')
      .filter(Boolean)
      .map((assignment) => [
        assignment.slice(0, assignment.indexOf('=')),
        assignment.slice(assignment.indexOf('=') + 1),
      ]),
  );
  return { env, nodeOptions: match[2].split(' ').filter(Boolean) };
}

/**
 * Starts the built server (as `npm start` runs it) with `env` on a free port; waits for /readyz.
 * BENCH_SERVER_ARGS adds Node options that NODE_OPTIONS refuses, e.g. `--cpu-prof` to profile it.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const start = startCommand();
  const nodeArgs = [
    ...start.nodeOptions,
    ...(process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const child = spawn(process.execPath, [...nodeArgs, 'apps/server/dist/main.js'], {
    cwd: REPO,
    env: {
      ...process.env,
      ...start.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      REMINDER_INTERVAL: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) {
        return {
          child,
          baseUrl,
          stop: () =>
            new Promise((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not become ready in time:\n${output}`);
}

export function runCli(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['apps/server/bin/webinar-notify.js', ...args], {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`cli ${args[0]} exited ${code}`)),
    );
  });
}

function children(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

export function processTree(pid: number): number[] {
  return [pid, ...children(pid).flatMap(processTree)];
}

/** CPU time (user + system) of a process tree, in milliseconds. */
export function cpuMs(rootPid: number): number {
  let ticks = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

/** Resident memory of a process tree, in bytes. */
export function rssBytes(rootPid: number): number {
  let kb = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += Number(match?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb * 1024;
}

/** Samples the peak RSS of a process tree until stopped. */
export function peakRssSampler(rootPid: number, everyMs = 100) {
  let peak = rssBytes(rootPid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssBytes(rootPid));
  }, everyMs);
  return {
    stop(): number {
      clearInterval(timer);
      return Math.max(peak, rssBytes(rootPid));
    },
  };
}
