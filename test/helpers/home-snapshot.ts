import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** Every row of every table (sorted), read-only: what a failed command must leave unchanged. */
export const storeSnapshot = (home: string): string => {
  const file = join(home, 'autoscale.db');
  if (!existsSync(file) || statSync(file).isDirectory() || statSync(file).size === 0) return '(no database)';
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]
    ).map((t) => t.name);
    const dump: Record<string, unknown[]> = {};
    for (const t of tables) {
      const rows = db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[];
      dump[t] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return JSON.stringify(dump);
  } finally {
    db.close();
  }
};

/** Files in the home (paths, sizes and hashes), without the SQLite WAL files that a read may touch. */
export const filesSnapshot = (home: string): string[] => {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const rel = relative(home, path);
      if (/^autoscale\.db(-wal|-shm)?$/.test(rel)) continue;
      const s = statSync(path);
      if (s.isDirectory()) {
        out.push(`${rel}/`);
        walk(path);
      } else out.push(`${rel} ${s.size} ${createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12)}`);
    }
  };
  if (existsSync(home)) walk(home);
  return out;
};

/** The store and the files together. */
export const homeSnapshot = (home: string) => ({ store: storeSnapshot(home), files: filesSnapshot(home) });
