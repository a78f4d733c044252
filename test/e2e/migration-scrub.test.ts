import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';

/**
 * Issue 21: rows written before every write went through the redactor are scrubbed by
 * migration 0015, and the database is vacuumed so freed pages keep no copy. The home is made
 * to look like one from before 0015: secrets written straight into error and audit columns and
 * into pages that were then freed, the migration unrecorded and its column removed.
 */
describe('migration 0015 scrubs old rows and vacuums', () => {
  const home = tempHome('autoscale-scrub-');
  const db = join(home.dir, 'autoscale.db');
  const KNOWN = 'QzconfiguredAnthropicKey7731Wx';
  const SHAPED = 'sk-ant-api03-oldkeynobodyconfigured99';
  afterAll(() => home.cleanup());

  it('no secret left in the rows nor in any byte of the file; the rows keep their sense', () => {
    expect(runCli(['--now', '2026-12-01T15:00:00Z', 'generate', '--type', 'tip'], { home: home.dir }).code).toBe(0);
    const raw = new BetterSqlite3(db);
    raw.prepare('UPDATE generation_runs SET error = ?').run(`400 invalid_request_error: x-api-key: ${KNOWN} echoed`);
    raw
      .prepare('UPDATE audit_log SET reason = ? WHERE rowid = (SELECT min(rowid) FROM audit_log)')
      .run(`provider said: key ${SHAPED} is revoked`);
    // Freed pages: a table full of the secret, dropped (SQLite keeps the bytes until a VACUUM).
    raw.exec('CREATE TABLE old_errors (x TEXT)');
    raw.prepare('INSERT INTO old_errors VALUES (?)').run(`Bearer ${KNOWN} `.repeat(300));
    raw.exec('DROP TABLE old_errors');
    raw.prepare(`DELETE FROM kysely_migration WHERE name = '0015-hardening'`).run();
    raw.exec('ALTER TABLE posts DROP COLUMN approved_text_hash');
    raw.pragma('user_version = 7');
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = readFileSync(db);
    expect(before.includes(KNOWN) && before.includes(SHAPED)).toBe(true);

    const r = runCli(['list'], { home: home.dir, env: { ANTHROPIC_API_KEY: KNOWN } });
    expect(r.code, r.stderr).toBe(0);

    for (const file of [db, `${db}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(bytes.includes(KNOWN), file).toBe(false);
      expect(bytes.includes(SHAPED), file).toBe(false);
    }
    const check = new BetterSqlite3(db, { readonly: true });
    expect(check.prepare('SELECT error FROM generation_runs').pluck().all()).toEqual([
      '400 invalid_request_error: x-api-key: *** echoed',
    ]);
    expect(
      check.prepare('SELECT reason FROM audit_log WHERE rowid = (SELECT min(rowid) FROM audit_log)').pluck().get(),
    ).toBe('provider said: key *** is revoked');
    expect(check.prepare('SELECT count(*) FROM posts WHERE approved_text_hash IS NULL').pluck().get()).toBe(1);
    check.close();
  });
});
