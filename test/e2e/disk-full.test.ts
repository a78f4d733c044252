import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/cli.js';

/**
 * A full disk, for real: a 6 MiB tmpfs mounted in a private mount namespace (`unshare -rm`, no
 * root needed where user namespaces are allowed), filled to the last byte before each command.
 * The driver (test/fixtures/disk-full-driver.mjs) runs the built CLI there, once with nothing
 * holding the database (the commands fail while opening it) and once with another connection
 * holding it open (they get past opening and fail on their first write), then frees the space
 * and compares every row of the store. Skipped, saying why, where mount namespaces are refused.
 */
const DRIVER = fileURLToPath(new URL('../fixtures/disk-full-driver.mjs', import.meta.url));

const canMount = (): boolean => {
  const dir = tempHome('autoscale-mnt-');
  const probe = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs "$1"', 'sh', dir.dir], {
    encoding: 'utf8',
  });
  dir.cleanup();
  return probe.status === 0;
};
const supported = canMount();
if (!supported) process.stderr.write('disk-full.test.ts: skipped (cannot mount a tmpfs in a user namespace here)\n');

interface Result {
  args: string;
  code: number;
  stderr: string;
  leftovers: string[];
}
interface Report {
  setup: number[];
  scenarios: { name: string; results: Result[]; storeUnchanged: boolean }[];
  fresh: { code: number; stderr: string; files: string[]; afterCode: number; afterErr: string };
}

describe.skipIf(!supported)('a full disk', () => {
  it('every command exits 10 with one line and the fix, leaves no temp or empty file, changes nothing', () => {
    const mount = tempHome('autoscale-full-');
    const run = spawnSync(
      'unshare',
      [
        '-rm',
        'sh',
        '-c',
        'mount -t tmpfs -o size=6m tmpfs "$1" && exec "$2" "$3" "$1"',
        'sh',
        mount.dir,
        process.execPath,
        DRIVER,
      ],
      { encoding: 'utf8', timeout: 300_000 },
    );
    mount.cleanup();
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.setup).toEqual([0, 0]);
    for (const scenario of report.scenarios) {
      for (const r of scenario.results) {
        const where = `${scenario.name}: ${r.args}\n${r.stderr}`;
        expect(r.code, where).toBe(10);
        const errors = r.stderr.split('\n').filter((line) => line.startsWith('Error'));
        expect(errors, where).toHaveLength(1);
        expect(errors[0], where).toMatch(
          /^Error: No space left on the disk that holds .*\((ENOSPC|SQLITE_FULL|SQLITE_IOERR_\w+)\)\. Fix: Free some space \(see `df -h .*`\), then run the command again; nothing was changed\.$/,
        );
        expect(r.stderr, where).not.toMatch(/Internal error|\n\s+at /);
        // No config.json.<pid>.tmp, no half-written media, no 0-byte database or export.
        expect(r.leftovers, where).toEqual([]);
      }
      expect(scenario.storeUnchanged, scenario.name).toBe(true);
    }
    // The first command on a fresh home: refused, and nothing left that would break the next one.
    expect(report.fresh.code).toBe(10);
    expect(report.fresh.files).toEqual([]);
    expect(report.fresh.afterCode, report.fresh.afterErr).toBe(0);
  }, 300_000);
});
