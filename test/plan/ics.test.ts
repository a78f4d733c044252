import { randomBytes } from 'node:crypto';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCalendar, calendarRange } from '../../src/plan/calendar.js';
import { calendarFeedUrl, signCalendarFeed, verifyCalendarFeed } from '../../src/plan/ics-feed.js';
import { renderIcs } from '../../src/plan/ics.js';
import { setPlanEntry, skipPlanEntry } from '../../src/plan/plan-edits.js';
import { refreshPlan } from '../../src/plan/plan-service.js';
import { approvePost } from '../../src/review/review-service.js';
import { generatePost } from '../../src/generate/generate-service.js';
import { createOfflineTextProvider } from '../../src/providers/offline-text.js';
import { signLink } from '../../src/approval/links.js';
import { SECRET } from '../approval/fixtures.js';
import { serve } from '../approval/server-helpers.js';
import { testStore, type TestStore } from '../helpers/store.js';

/** Every VEVENT as ical.js reads it back (a parse failure throws). */
const events = (ics: string) => {
  const component = new ICAL.Component(ICAL.parse(ics));
  return {
    component,
    events: component.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return {
        uid: e.uid,
        summary: e.summary,
        description: e.description,
        start: e.startDate,
        end: e.endDate,
        status: v.getFirstPropertyValue('status'),
        url: v.getFirstPropertyValue('url'),
      };
    }),
  };
};

describe('the calendar as iCalendar', () => {
  const stores: TestStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  const planned = async () => {
    const store = await testStore({ now: '2026-11-23T14:00:00Z', env: { APPROVAL_SIGNING_SECRET: SECRET } });
    stores.push(store);
    const { deps } = store;
    await refreshPlan(deps, { weeks: 3 });
    await setPlanEntry(deps, {
      date: '2026-11-25',
      contentType: 'industry_news',
      topic: 'Loi 25 ; virgules, points-virgules et « guillemets » : tout passe',
    });
    await skipPlanEntry(deps, { date: '2026-12-03' });
    // A written and approved post on Tuesday, with a slot in the window.
    const post = await generatePost(deps, createOfflineTextProvider(), {
      contentType: 'case_study',
      date: '2026-11-24',
    });
    await approvePost(deps, { ref: post.postId, variant: 1, at: '2026-11-24 14:10' });
    return { store, deps, postId: post.postId };
  };

  it('parses with ical.js: one event per planned or written post, with its state, in the right place', async () => {
    const { deps, postId } = await planned();
    const data = await buildCalendar(deps, calendarRange(deps, 3));
    const ics = renderIcs(data, { lang: 'fr', brandName: deps.brand.name, now: deps.clock.now() });
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const { component, events: list } = events(ics);
    expect(component.getFirstPropertyValue('x-wr-calname')).toBe('AutoScale AI — calendrier éditorial');
    expect(component.getFirstPropertyValue('method')).toBe('PUBLISH');
    const approved = list.find((e) => e.uid.startsWith(`post-${postId}`))!;
    expect(approved.summary).toMatch(/^\[approuvé\] étude de cas/);
    expect(approved.start.isDate).toBe(false);
    expect(approved.start.toJSDate().toISOString()).toBe('2026-11-24T19:10:00.000Z');
    expect(approved.status).toBe('CONFIRMED');
    const news = list.find((e) => e.summary.includes('Loi 25'))!;
    expect(news.summary).toBe('[prévu] actualité — Loi 25 ; virgules, points-virgules et « guillemets » : tout passe');
    expect(news.start.isDate).toBe(true);
    expect(news.start.toString()).toBe('2026-11-25');
    expect(news.end.toString()).toBe('2026-11-26');
    expect(news.status).toBe('TENTATIVE');
    expect(news.description).toMatch(/Pourquoi : Fixée par le propriétaire/);
    // Skipped days, gaps and non-posting days have no event; the rest of the posting days do.
    expect(list.find((e) => e.start.toString().startsWith('2026-12-03'))).toBeUndefined();
    const plannedDays = data.days
      .flatMap((d) => d.cells)
      .filter((c) => !['none', 'gap', 'skipped', 'rejected'].includes(c.state));
    expect(list).toHaveLength(plannedDays.length);
    expect(new Set(list.map((e) => e.uid)).size).toBe(list.length);
  });

  it('serves the feed on a signed URL: good token 200, tampered 403, expired 410, other paths 404', async () => {
    const { store, deps } = await planned();
    const key = Buffer.from(SECRET, 'utf8');
    const now = deps.clock.now();
    const token = signCalendarFeed(key, {
      brand: deps.brandSlug,
      lang: 'en',
      weeks: 3,
      expires: Math.floor(now.getTime() / 1000) + 3600,
    });
    expect(verifyCalendarFeed(key, token, now)).toMatchObject({
      ok: true,
      claims: { brand: deps.brandSlug, weeks: 3 },
    });
    expect(verifyCalendarFeed(randomBytes(32), token, now)).toEqual({ ok: false, problem: 'bad_signature' });
    expect(verifyCalendarFeed(key, token, new Date(now.getTime() + 7200_000))).toEqual({
      ok: false,
      problem: 'expired',
    });
    // The route as the page server of `autoscale serve` mounts it, on the same signing key.
    const served = await serve(store);
    try {
      const url = calendarFeedUrl(`${served.url}/`, token);
      expect(url).toBe(`${served.url}/c/${token}.ics`);
      const ok = await fetch(url);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      const { events: list } = events(await ok.text());
      expect(list.some((e) => e.summary.startsWith('[approved] case study'))).toBe(true);
      const [body, sig] = token.split('.');
      const forged = Buffer.from(Buffer.from(body!, 'base64url').toString().replace('.3.', '.9.')).toString(
        'base64url',
      );
      expect((await fetch(`${served.url}/c/${forged}.${sig}.ics`)).status).toBe(403);
      const expired = signCalendarFeed(key, { brand: deps.brandSlug, lang: 'fr', weeks: 3, expires: 1 });
      expect((await fetch(calendarFeedUrl(served.url, expired))).status).toBe(410);
      const unknown = signCalendarFeed(key, { brand: 'other-brand', lang: 'fr', weeks: 3, expires: 4102444800 });
      expect((await fetch(calendarFeedUrl(served.url, unknown))).status).toBe(404);
      expect((await fetch(`${served.url}/c/nothing.ics`)).status).toBe(404);
      // A review link signed with the same key never opens the calendar.
      const review = signLink(key, { linkId: 'abcdefghijkl', postId: 'p', version: 'v', expires: 4102444800 });
      expect((await fetch(`${served.url}/c/${review}.ics`)).status).toBe(403);
    } finally {
      await served.server.close();
    }
  });
});
