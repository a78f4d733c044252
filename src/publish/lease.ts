import { hostname } from 'node:os';
import { BusyError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { Db } from '../store/database.js';
import { deleteMeta, getMeta, setMeta } from '../store/meta-repo.js';
import { immediate } from '../store/tx.js';

interface Lease {
  pid: number;
  host: string;
  until: number;
  owner: string;
}

/** Whether a process with this pid runs on this host (EPERM: it exists but belongs to someone else). */
export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One publisher per brand at a time on this store. A `pending` publication whose owner is still
 * running is a call in flight, not a crash: reconciling it would race the live call. The lease
 * names the process (pid, host); it is stale when it expired, or when its process is gone on
 * this host (a SIGKILL leaves no chance to release it).
 */
export const acquirePublishLease = async (
  db: Db,
  brand: string,
  owner: string,
  ttlMs = 15 * 60_000,
): Promise<() => Promise<void>> => {
  const key = `publish_lease:${brand}`;
  const me: Lease = { pid: process.pid, host: hostname(), until: Date.now() + ttlMs, owner };
  await immediate(db, async (trx) => {
    const raw = await getMeta(trx, key);
    if (raw) {
      const held = JSON.parse(raw) as Lease;
      const mine = held.pid === me.pid && held.host === me.host;
      const stale = held.until < Date.now() || (held.host === me.host && !alive(held.pid));
      if (!mine && !stale) {
        throw new BusyError(
          l(
            `Another process (${held.owner}, pid ${held.pid}) is publishing for ${brand}.`,
            `Un autre processus (${held.owner}, pid ${held.pid}) publie pour ${brand}.`,
          ),
          {
            code: 'publish_busy',
            fix: l(
              'Wait for it to finish (the daemon publishes due posts itself), then retry.',
              'Attendez qu’il termine (le démon publie lui-même les publications dues), puis réessayez.',
            ),
          },
        );
      }
    }
    await setMeta(trx, key, JSON.stringify(me));
  });
  return async () => {
    await immediate(db, async (trx) => {
      const raw = await getMeta(trx, key);
      if (!raw) return;
      const held = JSON.parse(raw) as Lease;
      if (held.pid === me.pid && held.host === me.host) await deleteMeta(trx, key);
    });
  };
};

export interface PagePause {
  until: string;
  reason: string;
  category: string;
}

const pauseKey = (pageId: string) => `facebook_pause:${pageId}`;

/** Throttles and policy blocks pause a Page for every process sharing the store. */
export const pausePage = async (db: Db, pageId: string, pause: PagePause): Promise<void> => {
  const current = await pagePauseRaw(db, pageId);
  if (current && current.until > pause.until) return;
  await setMeta(db, pauseKey(pageId), JSON.stringify(pause));
};

const pagePauseRaw = async (db: Db, pageId: string): Promise<PagePause | undefined> => {
  const raw = await getMeta(db, pauseKey(pageId));
  return raw ? (JSON.parse(raw) as PagePause) : undefined;
};

export const pagePause = async (db: Db, pageId: string, now: Date): Promise<PagePause | undefined> => {
  const p = await pagePauseRaw(db, pageId);
  return p && new Date(p.until).getTime() > now.getTime() ? p : undefined;
};
