// The embedded database has no lock of its own and two processes writing one folder corrupt it,
// so whoever opens the folder first holds this lock file until it closes. The file names the
// holder by pid and, where /proc exists, by when that process started: after a crash (or a
// reboot) the pid may belong to an unrelated process, which must not keep the folder locked.
// An OS lock (flock) would need a native package; the folder's owner is a single server, so a
// file it can read back is enough.
import fs from 'node:fs';
import path from 'node:path';
import { OperatorError } from '../operator-error.ts';

export class DataDirLockedError extends OperatorError {
  constructor(dataDir: string, pid: number) {
    super(
      `The data folder ${dataDir} (DATA_DIR) is in use by another process (pid ${pid}). ` +
        'The embedded database allows one process at a time: stop the other one, ' +
        'or set DATABASE_URL to run several processes on PostgreSQL.',
    );
  }
}

export class DataDirUnwritableError extends OperatorError {
  constructor(dataDir: string, cause: NodeJS.ErrnoException) {
    super(
      `The data folder ${dataDir} (DATA_DIR) cannot be written (${cause.code ?? cause.message}): ` +
        'give this user write access to it, or set DATA_DIR to a folder it can write.',
      { cause },
    );
  }
}

interface LockHolder {
  pid: number;
  /** When the holder started (boot id and start time); absent where /proc is not available. */
  started?: string;
}

/** A process's start, unique across reboots and pid reuse; undefined without /proc. */
export function processStartMark(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); the command name before it, in parentheses, may hold spaces.
    const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    const bootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return startTime ? `${bootId}/${startTime}` : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // just released
    throw error;
  }
  // Older servers wrote the bare pid.
  if (/^\d+$/.test(text)) return { pid: Number(text) };
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isInteger(parsed.pid) || (parsed.pid ?? 0) <= 0) return undefined;
    return {
      pid: parsed.pid as number,
      ...(typeof parsed.started === 'string' ? { started: parsed.started } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The holder still runs: its pid is alive and, when recorded, started when the lock says. */
function holdsLock(holder: LockHolder): boolean {
  if (holder.pid === process.pid || !isAlive(holder.pid)) return false;
  if (holder.started === undefined) return true;
  const started = processStartMark(holder.pid);
  return started === undefined || started === holder.started;
}

/** Creates `file` with `content` only if it does not exist, never visible half-written. */
function createExclusive(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  try {
    fs.linkSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * Takes the lock or throws DataDirLockedError (another server holds it) or DataDirUnwritableError;
 * a lock left by a process that has ended is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'server.lock');
  const started = processStartMark(process.pid);
  const content = JSON.stringify({ pid: process.pid, ...(started ? { started } : {}) });
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        createExclusive(file, content);
        return () => fs.rmSync(file, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = readHolder(file);
        if (holder && holdsLock(holder)) throw new DataDirLockedError(dataDir, holder.pid);
        fs.rmSync(file, { force: true });
      }
    }
  } catch (error) {
    if (error instanceof DataDirLockedError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code && ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'EDQUOT'].includes(code)) {
      throw new DataDirUnwritableError(dataDir, error as NodeJS.ErrnoException);
    }
    throw error;
  }
  throw new Error(`Could not take the lock ${file}`);
}
