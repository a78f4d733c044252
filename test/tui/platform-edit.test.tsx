import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePost } from '../../src/generate/generate-service.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { auditFor } from '../../src/store/audit-repo.js';
import { ensurePlatformPosts } from '../../src/publish/platform-plan.js';
import { platformOverview } from '../../src/publish/platform-overview.js';
import { resolvePost } from '../../src/store/post-lookup.js';
import { variantPlatformTexts } from '../../src/store/platform-texts-repo.js';
import { setVariantPlatformText } from '../../src/publish/platform-text-edit.js';
import { ReviewApp } from '../../src/tui/ReviewApp.js';
import { createServiceActions } from '../../src/tui/service-actions.js';
import { testStore, type TestStore } from '../helpers/store.js';
import { driver, KEYS } from './fixtures.js';

/** The studio's platform tabs edit a variant's own Instagram / LinkedIn text on the real store. */

let store: TestStore;
let postId: string;

beforeEach(async () => {
  const config = buildInitialConfig({});
  config.brands[config.currentBrand]!.platforms = [
    { platform: 'facebook' },
    { platform: 'instagram' },
    { platform: 'linkedin' },
  ];
  store = await testStore({ now: '2026-11-24T15:00:00Z', config });
  postId = (
    await generatePost(store.deps, createOfflineTextProvider(), { contentType: 'case_study', date: '2026-11-25' })
  ).postId;
});
afterEach(async () => {
  cleanup();
  await store.close();
});

const actionsFor = () =>
  createServiceActions(store.deps, {
    brand: store.deps.brandSlug,
    provider: () => Promise.resolve(createOfflineTextProvider()),
  });

describe('review studio: a platform text of its own', () => {
  it('e edits the Instagram text of the variant, a broken rule keeps the editor open, u follows the variant again', async () => {
    const actions = actionsFor();
    const app = render(<ReviewApp actions={actions} lang="en" colour={false} size={{ columns: 80, rows: 30 }} />);
    const { until, press } = driver(app);
    await until((x) => x.includes('[1] '), 'variant 1');
    await press('p', KEYS.right);
    await until((x) => x.includes('/2200'), 'instagram tab');
    await press('e');
    await until((x) => x.includes('Editing the Instagram text of variant 1'), 'editor');
    await press(' Appelez-nous.', KEYS.ctrlS);
    await until((x) => x.includes('Instagram text of variant 1 saved') && x.includes('own text'), 'saved');
    const own = await variantPlatformTexts(store.deps.db, postId);
    expect(own).toHaveLength(1);
    expect(own[0]!.platform).toBe('instagram');
    expect(own[0]!.text.endsWith('Appelez-nous.')).toBe(true);

    // A link on Instagram is refused; what was typed stays in the editor.
    await press('e', ' https://autoscale.ai', KEYS.ctrlS);
    await until((x) => x.includes('link') && x.includes('Editing the Instagram text'), 'refused, still editing');
    expect((await variantPlatformTexts(store.deps.db, postId))[0]!.text).toBe(own[0]!.text);
    await press(KEYS.escape);
    await until((x) => x.includes('/2200') && !x.includes('Editing'), 'back on the tab');

    // Facebook publishes the variant itself.
    await press(KEYS.left, 'e');
    await until((x) => x.includes('Facebook publishes the variant itself'), 'facebook explained');

    await press(KEYS.right, 'u');
    await until((x) => x.includes('Instagram follows variant 1 again') && !x.includes('own text'), 'reset');
    expect(await variantPlatformTexts(store.deps.db, postId)).toEqual([]);
    await actions.settle();
    expect((await auditFor(store.deps.db, [postId])).filter((a) => a.action === 'instagram_text')).toHaveLength(2);
  });

  it('approving the variant makes its own text the platform text; other variants and platforms follow', async () => {
    const actions = actionsFor();
    await setVariantPlatformText(store.deps, postId, 2, 'linkedin', 'Le texte LinkedIn de la variante 2 (revu).');
    await setVariantPlatformText(store.deps, postId, 1, 'linkedin', 'Texte LinkedIn de la variante 1.');
    const model = await actions.loadPost(postId);
    expect(model.variants[1]!.platformTexts).toEqual({ linkedin: 'Le texte LinkedIn de la variante 2 (revu).' });
    const tabs = actions.platformTexts!(model, model.variants[1]!);
    expect(tabs.find((t) => t.platform === 'linkedin')).toMatchObject({
      own: true,
      text: 'Le texte LinkedIn de la variante 2 (revu).',
    });
    expect(tabs.find((t) => t.platform === 'instagram')!.own).toBe(false);
    await actions.approve(postId, 2, { seed: 'seed' });
    // `show` before the daemon makes the rows: the approved variant's own text, marked as edited.
    const planned = await platformOverview(store.deps, await resolvePost(store.deps.db, postId));
    expect(planned.find((v) => v.platform === 'linkedin')).toMatchObject({
      state: 'planned',
      text: 'Le texte LinkedIn de la variante 2 (revu).',
      textEdited: true,
    });
    const rows = await ensurePlatformPosts(store.deps, await resolvePost(store.deps.db, postId));
    expect(rows.map((r) => r.platform).sort()).toEqual(['instagram', 'linkedin']);
    expect(rows.find((r) => r.platform === 'linkedin')!.text).toBe('Le texte LinkedIn de la variante 2 (revu).');
    expect(rows.find((r) => r.platform === 'instagram')!.text).toBeNull();
    // After approval the variants' platform texts are settled (the approved post's own edit applies).
    await expect(setVariantPlatformText(store.deps, postId, 1, 'linkedin', 'x')).rejects.toMatchObject({
      code: 'platform_text_frozen',
    });
  });
});
