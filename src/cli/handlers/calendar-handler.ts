import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pageBaseUrl } from '../../approval/announce.js';
import { signingKey } from '../../approval/links.js';
import { l } from '../../i18n/localized.js';
import { buildCalendar, calendarRange } from '../../plan/calendar.js';
import { renderCalendarGrid } from '../../plan/calendar-grid.js';
import { renderIcs } from '../../plan/ics.js';
import { calendarFeedUrl, signCalendarFeed } from '../../plan/ics-feed.js';
import { createStyle } from '../../present/style.js';
import { unicodeFromEnv } from '../../report/charts.js';
import type { AppContext } from '../context.js';
import { depsWithSecret } from './approval-handlers.js';
import { serviceDeps } from './service-deps.js';

/**
 * The feed's signed URL on approval.publicUrl: the page server of `autoscale serve` answers it
 * with the calendar from two weeks back to `weeks` ahead, as iCalendar, until it expires.
 */
const printFeedLink = async (ctx: AppContext, opts: { weeks: number; linkDays: number }) => {
  const deps = await depsWithSecret(ctx);
  const expiresAt = new Date(deps.clock.now().getTime() + opts.linkDays * 86_400_000);
  const token = signCalendarFeed(signingKey(deps.env), {
    brand: deps.brandSlug,
    lang: ctx.lang,
    weeks: opts.weeks,
    expires: Math.floor(expiresAt.getTime() / 1000),
  });
  const base = pageBaseUrl(deps);
  if (!base.public) {
    ctx.out.warn(
      l(
        'approval.publicUrl is not set: this URL answers on this machine only. Set it to the HTTPS address of `autoscale serve` (docs/CALENDAR.md).',
        'approval.publicUrl n’est pas défini : cette adresse ne répond que sur cette machine. Donnez-lui l’adresse HTTPS de `autoscale serve` (docs/CALENDAR.md).',
      ),
    );
  }
  const url = calendarFeedUrl(base.url, token);
  ctx.out.data({ url, weeks: opts.weeks, expiresAt: expiresAt.toISOString() }, () => url);
};

export const runCalendar = async (
  ctx: AppContext,
  opts: {
    weeks: number;
    ics: boolean;
    link: boolean;
    linkDays: number;
    out?: string | undefined;
    width?: number | undefined;
  },
) => {
  if (opts.link) return printFeedLink(ctx, opts);
  const deps = await serviceDeps(ctx);
  const data = await buildCalendar(deps, calendarRange(deps, opts.weeks));
  if (opts.ics) {
    const ics = renderIcs(data, { lang: ctx.lang, brandName: deps.brand.name, now: deps.clock.now() });
    if (typeof opts.out === 'string') {
      const file = resolve(opts.out);
      writeFileSync(file, ics);
      ctx.out.note(l(`Calendar (iCalendar) written to ${file}`, `Calendrier (iCalendar) écrit dans ${file}`));
      ctx.out.data({ file, from: data.from, to: data.to }, () => file);
      return;
    }
    ctx.out.data({ from: data.from, to: data.to, ics }, () => ics.replace(/\r\n$/, ''));
    return;
  }
  const columns = opts.width ?? (Number(ctx.processEnv.COLUMNS) || ctx.out.width || 80);
  const render = (colour: boolean) =>
    renderCalendarGrid(data, {
      columns,
      lang: ctx.lang,
      style: colour ? ctx.out.style : createStyle(false),
      unicode: unicodeFromEnv(ctx.processEnv),
    });
  if (typeof opts.out === 'string') {
    const file = resolve(opts.out);
    writeFileSync(file, `${ctx.out.json ? JSON.stringify(data, null, 2) : render(false)}\n`);
    ctx.out.note(l(`Calendar written to ${file}`, `Calendrier écrit dans ${file}`));
    return;
  }
  ctx.out.data(data, () => render(ctx.out.style.enabled));
};
