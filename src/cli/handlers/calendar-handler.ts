import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { l } from '../../i18n/localized.js';
import { buildCalendar, calendarRange } from '../../plan/calendar.js';
import { renderCalendarGrid } from '../../plan/calendar-grid.js';
import { renderIcs } from '../../plan/ics.js';
import { createStyle } from '../../present/style.js';
import { unicodeFromEnv } from '../../report/charts.js';
import type { AppContext } from '../context.js';
import { serviceDeps } from './service-deps.js';

export const runCalendar = async (
  ctx: AppContext,
  opts: { weeks: number; ics: boolean; out?: string | undefined; width?: number | undefined },
) => {
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
  const columns = opts.width ?? (Number(ctx.processEnv.COLUMNS) || ctx.out.columns);
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
