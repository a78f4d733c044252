import { describe, expect, it } from 'vitest';
import { createFormat } from '../../src/i18n/format.js';
import { l } from '../../src/i18n/localized.js';
import { encodeLocalized } from '../../src/i18n/stored.js';
import { describePlatformOutcome, renderPlatformViews } from '../../src/present/platform-lines.js';
import { frenchFindings } from '../helpers/french-check.js';

const fr = createFormat('fr');
const en = createFormat('en');
const TZ = 'America/Toronto';
const base = { postId: '01a24bdb-95e3-7000-a4a1-ebcbf76fc855', remoteId: null, permalink: null, state: 'scheduled' };
// A reason stored in both languages, as the publisher keeps it.
const reason = encodeLocalized(l('LinkedIn is rate limiting', 'LinkedIn limite le débit'));

describe('publish outcome lines per platform', () => {
  it('dates through the shared formatter and reasons in the reader’s language', () => {
    const o = { ...base, platform: 'linkedin', action: 'retry_later', retryAt: '2026-12-08T18:05:00Z', reason };
    const f = describePlatformOutcome(fr, o, TZ);
    expect(f).toBe(
      'f76fc855' +
        '\u00a0: LinkedIn pas publiée maintenant (LinkedIn limite le débit)\u202f; prochain essai le mardi 8 décembre, 13\u00a0h\u00a005.',
    );
    expect(frenchFindings(f)).toEqual([]);
    expect(describePlatformOutcome(en, o, TZ)).toBe(
      'f76fc855' +
        ': LinkedIn not published now (LinkedIn is rate limiting); next try on Tuesday, December 8, 1:05\u00a0p.m.',
    );
  });

  it('a failure and a plain (older) reason read as written', () => {
    const o = { ...base, platform: 'instagram', action: 'failed', reason: 'media URL not reachable' };
    expect(describePlatformOutcome(fr, { ...o, reason }, TZ)).toContain(
      'Instagram ÉCHEC\u00a0: LinkedIn limite le débit',
    );
    expect(describePlatformOutcome(en, o, TZ)).toContain('Instagram FAILED: media URL not reachable');
  });

  it('show: the slot through the formatter, the reason localized', () => {
    const views = [
      {
        platform: 'facebook',
        state: 'scheduled',
        slotAt: '2026-12-08T18:05:00Z',
        text: null,
        textEdited: false,
        permalink: null,
        reason: null,
      },
      {
        platform: 'linkedin',
        state: 'failed',
        slotAt: '2026-12-08T18:05:00Z',
        text: 'Bonjour',
        textEdited: false,
        permalink: null,
        reason,
      },
    ];
    const out = renderPlatformViews(fr, views, TZ);
    expect(out).toContain('── LinkedIn · échec · 2026-12-08 13\u00a0h\u00a005');
    expect(out).toContain('LinkedIn limite le débit');
    expect(out).not.toContain('{"en"');
    expect(renderPlatformViews(en, views, TZ)).toContain('── LinkedIn · failed · 2026-12-08 1:05\u00a0p.m.');
  });
});
