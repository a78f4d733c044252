import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeeklyReport } from '../../src/report/weekly.js';
import { insertFixture, WEEK_FIXTURE } from '../helpers/report-fixture.js';
import { testStore, type TestStore } from '../helpers/store.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const ROOT = resolve(import.meta.dirname, '..', '..');

/** PNG width and height from the IHDR chunk. */
const pngSize = (file: string) => {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};

let store: TestStore;
let dir: string;
beforeAll(async () => {
  store = await testStore({ now: '2026-11-24T15:00:00Z' });
  await insertFixture(store.deps, WEEK_FIXTURE);
  dir = mkdtempSync(join(tmpdir(), 'autoscale-chromium-'));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HTML report in headless Chromium', () => {
  const title = available
    ? 'renders at phone width, charts as SVG, text intact'
    : `skipped: ${CHROMIUM} not found (install the Debian chromium package; CI does)`;
  it.skipIf(!available)(title, async () => {
    const { html } = await buildWeeklyReport(store.deps, {}, 'fr');
    const page = join(dir, 'report.html');
    const png = join(dir, 'report.png');
    writeFileSync(page, html);
    const run = (args: string[]) =>
      spawnSync(
        CHROMIUM,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--hide-scrollbars',
          `--user-data-dir=${join(dir, 'profile')}`,
          ...args,
        ],
        {
          encoding: 'utf8',
          timeout: 90_000,
        },
      );
    // A phone-width screenshot: the page must lay out at 412 px without horizontal overflow.
    const shot = run([
      '--window-size=412,2600',
      '--force-device-scale-factor=1',
      `--screenshot=${png}`,
      `file://${page}`,
    ]);
    expect(shot.status, shot.stderr).toBe(0);
    expect(pngSize(png)).toEqual({ width: 412, height: 2600 });
    expect(readFileSync(png).length).toBeGreaterThan(20_000);
    // The DOM as Chromium parsed it: the charts are there as SVG, the text is intact.
    const dom = run(['--dump-dom', `file://${page}`]);
    expect(dom.status, dom.stderr).toBe(0);
    expect((dom.stdout.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(dom.stdout).toContain('Taux d’engagement');
    if (process.env.UPDATE_REPORT_SCREENSHOT === '1') {
      mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
      copyFileSync(png, join(ROOT, 'docs', 'images', 'report.png'));
    }
  });
});
