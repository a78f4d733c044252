import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import ICAL from 'ical.js';
import { json, runCliAsync, runCliCollect, tempHome } from '../helpers/cli.js';

/**
 * The editorial calendar through the built CLI: an idea, a feed with three items, a two-week
 * plan, then the daemon's Tuesday and Wednesday 10:00 generations write the planned entries
 * and cite their sources.
 */
describe('editorial calendar, end to end (built CLI)', () => {
  const home = tempHome('autoscale-calendar-');
  let feeds: FeedServer;
  const MONDAY = '2026-11-23T14:00:00Z';
  const run = async (args: string[], now: string) => {
    const r = await runCliCollect([...args, '--now', now], home.dir, { LANG: 'fr_CA.UTF-8' });
    expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    return r;
  };

  beforeAll(async () => {
    feeds = await startFeedServer();
    feeds.set('/pme.xml', {
      title: 'Les Affaires — PME',
      items: [
        {
          title: 'Pénurie de main-d’œuvre : les PME québécoises manquent un appel sur trois',
          link: 'https://news.test/penurie-appels',
          guid: 'la-1',
          description: 'Un sondage auprès de 400 entrepreneurs.',
          pubDate: '2026-11-20T13:00:00Z',
        },
        {
          title: 'La Loi 25 et les enregistrements d’appels des cliniques',
          link: 'https://news.test/loi-25',
          guid: 'la-2',
          pubDate: '2026-11-19T13:00:00Z',
        },
        {
          title: 'Résultats trimestriels d’une grande banque',
          link: 'https://news.test/banque',
          guid: 'la-3',
          pubDate: '2026-11-21T13:00:00Z',
        },
      ],
    });
    await run(['init', '--yes'], MONDAY);
  });
  afterAll(async () => {
    await feeds.close();
    home.cleanup();
  });

  it('plans an idea and a news item, and the daemon writes them with their sources', async () => {
    const idea = json(
      await run(
        [
          'ideas',
          'add',
          'Les cliniques vétérinaires et les urgences du soir',
          '--type',
          'case_study',
          '--link',
          'https://idees.test/veto',
          '--json',
        ],
        MONDAY,
      ),
    );
    expect(idea).toMatchObject({ status: 'open', contentType: 'case_study' });
    const added = json(await run(['sources', 'add', `${feeds.url}/pme.xml`, '--json'], MONDAY));
    expect(added).toMatchObject({ status: 'ok', newItems: 3, title: 'Les Affaires — PME' });

    const plan = json(await run(['plan', '--weeks', '2', '--json'], MONDAY));
    expect(plan).toMatchObject({ from: '2026-11-23', to: '2026-12-06' });
    expect(plan.entries.map((e: { date: string }) => e.date)).toEqual([
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ]);
    const tuesday = plan.entries[0];
    const wednesday = plan.entries[1];
    expect(tuesday).toMatchObject({
      source: 'idea',
      contentType: 'case_study',
      topic: 'Les cliniques vétérinaires et les urgences du soir',
    });
    expect(wednesday).toMatchObject({
      source: 'news',
      contentType: 'industry_news',
      topic: 'Pénurie de main-d’œuvre : les PME québécoises manquent un appel sur trois',
    });
    // The bank's results are not for this audience.
    expect(plan.entries.some((e: { topic: string | null }) => e.topic?.includes('banque'))).toBe(false);

    const calendar = await run(['calendar', '--weeks', '2', '--width', '80'], MONDAY);
    expect(calendar.stdout).toContain('○ étude de cas');
    expect(calendar.stdout).toContain('Vendredi fou');
    expect(calendar.stdout.split('\n').every((line) => [...line].length <= 80)).toBe(true);

    // Tuesday 10:00 in Montreal (EST): the daemon's generation writes the planned entry.
    const tue = json(await run(['daemon', '--once', '--json'], '2026-11-24T15:00:20Z'));
    expect(tue.scheduled.enqueued.filter((e: { kind: string }) => e.kind === 'generate')).toHaveLength(1);
    const wed = json(await run(['daemon', '--once', '--json'], '2026-11-25T15:00:20Z'));
    expect(wed.jobs.failed).toBe(0);

    const posts = json(await run(['list', '--json'], '2026-11-25T15:10:00Z')).posts as {
      id: string;
      contentType: string;
      targetDate: string;
    }[];
    // Tuesday's draft, not reviewed before its window closed, was moved to Wednesday by the
    // daemon's review reminders: the posts are told apart by what was planned for them.
    expect(posts.map((p) => p.targetDate)).toEqual(['2026-11-25', '2026-11-25']);
    const byType = Object.fromEntries(posts.map((p) => [p.contentType, p.id]));
    const tuePost = json(await run(['show', byType.case_study!, '--json'], '2026-11-25T15:10:00Z'));
    expect(tuePost).toMatchObject({
      contentType: 'case_study',
      topic: 'Les cliniques vétérinaires et les urgences du soir',
    });
    expect(tuePost.plan).toMatchObject({
      source: 'idea',
      date: '2026-11-24',
      citation: { url: 'https://idees.test/veto' },
    });
    for (const v of tuePost.variants) expect(v.text).toContain('https://idees.test/veto');

    const wedPost = json(await run(['show', byType.industry_news!, '--json'], '2026-11-25T15:10:00Z'));
    expect(wedPost).toMatchObject({ contentType: 'industry_news', topic: wednesday.topic });
    expect(wedPost.plan).toMatchObject({
      source: 'news',
      citation: { title: 'Les Affaires — PME', url: 'https://news.test/penurie-appels' },
    });
    for (const v of wedPost.variants) {
      expect(v.text).toContain('https://news.test/penurie-appels');
      expect(v.text).toContain('Les Affaires — PME');
      expect(v.text).toContain('manquent un appel sur trois');
    }
    const shown = await run(['show', byType.industry_news!], '2026-11-25T15:10:00Z');
    expect(shown.stdout).toMatch(/Planifiée: Actualité\s:\s«\sPénurie de main-d’œuvre/);
    expect(shown.stdout).toContain(`Source: Les Affaires — PME — https://news.test/penurie-appels`);

    // The idea is written; the calendar shows both posts in review.
    const ideas = json(await run(['ideas', 'list', '--all', '--json'], '2026-11-25T15:10:00Z'));
    expect(ideas.ideas[0]).toMatchObject({ status: 'used' });
    const grid = json(await run(['calendar', '--weeks', '1', '--json'], '2026-11-25T15:10:00Z'));
    const cells = grid.days
      .filter((d: { date: string }) => d.date <= '2026-11-25' && d.date >= '2026-11-24')
      .map((d: { cells: { state: string }[] }) => d.cells[0]!.state);
    expect(cells).toEqual(['in_review', 'in_review']);
    // The daemon read the feed again at 07:00 on Wednesday: unchanged (304).
    expect(feeds.requests.filter((r) => r.path === '/pme.xml').map((r) => r.status)).toEqual([200, 304]);

    // A phone subscribes to the signed feed that `autoscale serve` answers.
    const NOW = '2026-11-25T15:20:00Z';
    const link = json<{ url: string }>(await run(['calendar', '--link', '--weeks', '2', '--json'], NOW));
    const token = /\/c\/([^/]+)\.ics$/.exec(link.url)?.[1];
    expect(token).toBeTruthy();
    const serve = runCliAsync(['serve', '--listen', '127.0.0.1:0', '--now', NOW, '--json'], { home: home.dir });
    let out = '';
    serve.stdout.on('data', (c: Buffer) => (out += c.toString()));
    try {
      const started = Date.now();
      while (!out.includes('}') && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 100));
      const base = (JSON.parse(out) as { url: string }).url;
      const feed = await fetch(`${base}/c/${token}.ics`);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      const vevents = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents('vevent');
      const summaries = vevents.map((v) => new ICAL.Event(v).summary);
      expect(summaries.filter((t) => t.startsWith('[en révision]'))).toHaveLength(2);
      expect((await fetch(`${base}/c/${token!.slice(0, -2)}xx.ics`)).status).toBe(403);
    } finally {
      serve.kill('SIGTERM');
      await new Promise((r) => serve.once('close', r));
    }
  });
});
