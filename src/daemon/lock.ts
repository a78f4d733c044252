import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { BusyError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { alive } from '../publish/lease.js';

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

export interface HeldLock {
  info: LockInfo;
  /** The lock left by a daemon that died without cleaning up (crash, SIGKILL, power loss). */
  stale: LockInfo | undefined;
  release(): void;
}

const readLock = (file: string): LockInfo | undefined => {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid === 'number')
      return { pid: parsed.pid, host: String(parsed.host ?? ''), startedAt: String(parsed.startedAt ?? '') };
  } catch {
    // Empty or torn file: a daemon died between creating and writing it.
  }
  return undefined;
};

/**
 * One daemon per home: an exclusive-create lock file holding pid, host and start time. A lock
 * whose process is gone (same host) is stale and taken over; the caller learns about it to
 * report a crash. Job safety does not depend on this lock (leases do); it keeps logs and
 * notifications sane and gives a clear error.
 */
export const acquireLock = (file: string, startedAt: string, pid = process.pid): HeldLock => {
  const info: LockInfo = { pid, host: hostname(), startedAt };
  let stale: LockInfo | undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(info));
      } finally {
        closeSync(fd);
      }
      let released = false;
      return {
        info,
        stale,
        release: () => {
          if (released) return;
          released = true;
          try {
            if (readLock(file)?.pid === pid) unlinkSync(file);
          } catch {
            // Already gone.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readLock(file);
    if (holder && holder.pid !== pid && (holder.host !== info.host || alive(holder.pid))) {
      const where = holder.host !== info.host ? ` on ${holder.host}` : '';
      throw new BusyError(
        l(
          `Another autoscale daemon is running on this home (pid ${holder.pid}${where}, since ${holder.startedAt}).`,
          `Un autre démon autoscale tourne sur ce dossier (pid ${holder.pid}${where}, depuis ${holder.startedAt}).`,
        ),
        {
          code: 'daemon_running',
          details: { pid: holder.pid, host: holder.host, startedAt: holder.startedAt, lockFile: file },
          fix: l(
            `Stop it first (systemctl stop autoscale, or kill ${holder.pid}); if that process is not autoscale, delete ${file}.`,
            `Arrêtez-le d’abord (systemctl stop autoscale, ou kill ${holder.pid}); si ce processus n’est pas autoscale, supprimez ${file}.`,
          ),
        },
      );
    }
    if (!holder) {
      // A torn lock younger than a few seconds may be a daemon starting right now.
      try {
        if (Date.now() - statSync(file).mtimeMs < 5000 && attempt < 2) continue;
      } catch {
        continue;
      }
    }
    stale = holder ?? { pid: 0, host: info.host, startedAt: '' };
    try {
      unlinkSync(file);
    } catch {
      // Someone else removed it first; retry the exclusive create.
    }
  }
  throw new BusyError(
    l(`Could not take the daemon lock ${file}.`, `Impossible de prendre le verrou du démon ${file}.`),
    {
      code: 'daemon_lock',
      fix: l(
        'Another daemon is starting at the same moment; retry in a few seconds.',
        'Un autre démon démarre au même moment; réessayez dans quelques secondes.',
      ),
    },
  );
};
