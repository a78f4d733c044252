import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { autoscaleBrand } from '../../src/config/defaults.js';
import { adaptText } from '../../src/content/platform-text.js';
import { TEXT_LIMITS } from '../../src/domain/post-text.js';
import type { PlatformTab } from '../../src/tui/actions.js';
import { ReviewApp } from '../../src/tui/ReviewApp.js';
import { driver, fakeActions, KEYS, post, variant } from './fixtures.js';

afterEach(() => cleanup());

const profile = autoscaleBrand().profile;
const tabsFor = (text: string): PlatformTab[] =>
  (['facebook', 'instagram', 'linkedin'] as const).map((platform) => {
    const adapted = adaptText(platform, {
      text,
      language: 'fr-CA',
      brandHashtags: profile.hashtags,
      website: profile.website,
    });
    return {
      platform,
      text: adapted,
      limit: TEXT_LIMITS[platform],
      length: [...adapted].length,
      problem: null,
      own: false,
    };
  });

describe('review studio: a tab per platform', () => {
  it('p shows what each platform publishes from the selected variant; ←/→ switch; Esc goes back', async () => {
    const text = 'Un garage répond à tous ses appels. Voyez comment sur https://autoscale.ai/garage 😀!!';
    const { actions } = fakeActions([post('post-a-00000001', { variants: [variant(1, 'professional', { text })] })], {
      platformTexts: (_post, v) => tabsFor(v.text),
    });
    const app = render(<ReviewApp actions={actions} lang="en" colour={false} size={{ columns: 80, rows: 24 }} />);
    const { until, press } = driver(app);
    await until((x) => x.includes('[1] professional'), 'variant 1');
    await press('p');
    const fb = await until((x) => x.includes(' Facebook ') && x.includes('/63206'), 'facebook tab');
    expect(fb).toContain('https://autoscale.ai/garage');
    await press(KEYS.right);
    const ig = await until((x) => x.includes('/2200'), 'instagram tab');
    expect(ig).not.toContain('https://');
    expect(ig).toContain('lien dans notre bio');
    expect(ig).toContain('#PMEQuébec');
    await press(KEYS.right);
    const li = await until((x) => x.includes('/3000'), 'linkedin tab');
    expect(li).not.toContain('😀');
    await press(KEYS.escape);
    await until((x) => x.includes('[1] professional') && !x.includes('/3000'), 'back to the variants');
  });
});
