import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { makePostImage } from '../../src/images/image-service.js';
import { getPost } from '../../src/store/posts-repo.js';
import { auditFor } from '../../src/store/audit-repo.js';
import { variantsForPost } from '../../src/store/variants-repo.js';
import type { TestStore } from '../helpers/store.js';
import { approvalStore, draft } from './fixtures.js';
import { linkFor, serve, type Served } from './server-helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const SCREENS = resolve(import.meta.dirname, '..', '..', 'docs', 'screens');

let store: TestStore;
let served: Served;
let context: BrowserContext;
let dataDir: string;

const phone = async (): Promise<Page> => context.newPage();
/** A full-page screenshot; UPDATE_SCREENS=1 also refreshes docs/screens/ (committed). */
const shot = async (page: Page, name: string) => {
  const file = join(store.home, name);
  await page.screenshot({ path: file, fullPage: true });
  expect(statSync(file).size).toBeGreaterThan(1000);
  if (process.env.UPDATE_SCREENS === '1') {
    mkdirSync(SCREENS, { recursive: true });
    copyFileSync(file, join(SCREENS, name));
  }
};
const state = async (id: string) => (await getPost(store.deps.db, id))!;

describe.skipIf(!available)('review page in headless Chromium at phone size (360 px)', () => {
  beforeAll(async () => {
    store = await approvalStore({}, (c) => {
      c.quality.threshold = 0;
    });
    served = await serve(store);
    const { chromium } = await import('playwright-core');
    dataDir = join(store.home, 'chromium-profile');
    // A fresh profile per run (launchPersistentContext passes it as --user-data-dir).
    context = await chromium.launchPersistentContext(dataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 1,
      locale: 'fr-CA',
      isMobile: true,
      hasTouch: true,
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await served?.server.close();
    await store?.close();
  });

  it('approves variant 2 at a chosen time in the window; the reused link is then refused', async () => {
    const id = await draft(store);
    await makePostImage(store.deps, id, {});
    const link = await linkFor(store, served, id);
    const page = await phone();
    const response = await page.goto(link.url);
    expect(response!.status()).toBe(200);
    expect(response!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await expect(page.locator('h1').textContent()).resolves.toMatch(/Révision de la publication/);
    // Readable at 360 px: no horizontal scrolling, the image as it will be published.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    const img = page.locator('img.post');
    await expect(img.evaluate((e) => (e as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBe(1200);
    await shot(page, 'review-page-fr.png');
    await page.locator('input[type=radio][name=variant][value="2"]').check();
    await page.selectOption('#slot', '14:30');
    await Promise.all([page.waitForNavigation(), page.click('#approve-button')]);
    await expect(page.locator('#message').textContent()).resolves.toMatch(/variante 2.*14\u00a0h\u00a030/);
    await shot(page, 'review-approved-fr.png');
    const post = await state(id);
    expect(post.state).toBe('approved');
    expect(post.scheduledAt).toBe('2026-12-01T19:30:00.000Z');
    const variants = await variantsForPost(store.deps.db, id);
    expect(post.chosenVariantId).toBe(variants.find((v) => v.idx === 2)!.id);
    const audit = (await auditFor(store.deps.db, [id])).find((a) => a.action === 'approve')!;
    expect(audit.actor).toBe(`link:${link.linkId}`);
    expect(JSON.parse(audit.data!)).toMatchObject({ channel: 'page', actorId: link.linkId });
    const again = await page.goto(link.url);
    expect(again!.status()).toBe(410);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/déjà servi/);
    await page.close();
  });

  it('rejects with a reason (after the confirmation)', async () => {
    const id = await draft(store, '2026-12-02');
    const link = await linkFor(store, served, id);
    const page = await phone();
    page.on('dialog', (d) => void d.accept());
    await page.goto(link.url);
    await page.fill('#reason', 'Le ton est trop vendeur');
    await Promise.all([page.waitForNavigation(), page.click('#reject-form button')]);
    await expect(page.locator('#message').textContent()).resolves.toMatch(/rejetée\u00a0: Le ton est trop vendeur/);
    const reject = (await auditFor(store.deps.db, [id])).find((a) => a.action === 'reject')!;
    expect(reject).toMatchObject({ reason: 'Le ton est trop vendeur', actor: `link:${link.linkId}` });
    await page.close();
  });

  it('a light edit gives a new version and a new link; a below-gate variant needs "approve anyway"', async () => {
    const id = await draft(store, '2026-12-03');
    const link = await linkFor(store, served, id);
    const page = await phone();
    await page.goto(`${link.url}?lang=en`);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/Review post/);
    await page.locator('#variant-1 summary').click();
    await page
      .locator('#variant-1 textarea[name=text]')
      .fill('Une réceptionniste IA répond à chaque appel, même à midi.');
    await Promise.all([page.waitForNavigation(), page.locator('#variant-1 button.edit').click()]);
    expect(page.url()).not.toBe(`${link.url}?lang=en`);
    await expect(page.locator('#variant-1 .text').textContent()).resolves.toBe(
      'Une réceptionniste IA répond à chaque appel, même à midi.',
    );
    // The edited text scores below a raised threshold: the page asks for the override.
    store.deps.config.quality.threshold = 101;
    await page.reload();
    await page.locator('input[type=radio][name=variant][value="1"]').check();
    const box = page.locator('.override[data-variant="1"]');
    await expect(box.isVisible()).resolves.toBe(true);
    await expect(box.textContent()).resolves.toMatch(/below the gate \(101\)/);
    await shot(page, 'review-gate-en.png');
    await page.click('#approve-button'); // blocked by the required confirmation
    expect((await state(id)).state).toBe('in_review');
    await box.locator('input').check();
    await Promise.all([page.waitForNavigation(), page.click('#approve-button')]);
    await expect(page.locator('#message').textContent()).resolves.toMatch(/variant 1/);
    const audit = (await auditFor(store.deps.db, [id])).find((a) => a.action === 'gate_override')!;
    expect(JSON.parse(audit.data!).acknowledged).toEqual(expect.arrayContaining(['below-threshold']));
    expect(audit.reason).toBe('confirmed on page');
    store.deps.config.quality.threshold = 0;
    // The link used for the edit acts no more.
    expect((await page.goto(link.url))!.status()).toBe(410);
    await page.close();
  });

  it('refuses tampered and expired links with a clear page', async () => {
    const id = await draft(store, '2026-12-08');
    const page = await phone();
    const link = await linkFor(store, served, id);
    const [body, sig] = link.token.split('.') as [string, string];
    const flipped = `${body}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    const tampered = await page.goto(`${served.url}/r/${flipped}`);
    expect(tampered!.status()).toBe(400);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/n’est pas valide/);
    await shot(page, 'review-link-refused-fr.png');
    const short = await linkFor(store, served, id, 60_000);
    store.clock.set('2026-12-01T15:02:00Z');
    try {
      const expired = await page.goto(short.url);
      expect(expired!.status()).toBe(410);
      await expect(page.locator('h1').textContent()).resolves.toMatch(/a expiré/);
    } finally {
      store.clock.set('2026-12-01T15:00:00Z');
    }
    expect((await state(id)).state).toBe('in_review');
    await page.close();
  });
});
