import { formatFor } from '../i18n/format.js';
import { l, type Lang } from '../i18n/localized.js';
import { labelOf, PLATFORM_LABELS } from '../present/labels.js';
import type { Style } from '../present/style.js';
import type { CalendarCell, CalendarData, CalendarDay, CellState } from './calendar.js';

export interface GridOptions {
  columns: number;
  lang: Lang;
  style: Style;
  unicode: boolean;
}

const SYMBOLS: Record<CellState, [string, string]> = {
  planned: ['○', 'o'],
  skipped: ['⊘', '-'],
  draft: ['◌', 'd'],
  in_review: ['◐', 'r'],
  approved: ['●', 'a'],
  scheduled: ['◉', 's'],
  publishing: ['◉', 's'],
  unconfirmed: ['?', '?'],
  published: ['✔', 'P'],
  measured: ['★', 'M'],
  rejected: ['✗', 'x'],
  failed: ['!', '!'],
  gap: ['·', '.'],
  none: [' ', ' '],
};

const STATE_LABEL: Record<CellState, [string, string]> = {
  planned: ['planned', 'prévu'],
  skipped: ['skipped', 'sauté'],
  draft: ['draft', 'brouillon'],
  in_review: ['in review', 'en révision'],
  approved: ['approved', 'approuvé'],
  scheduled: ['scheduled', 'programmé'],
  publishing: ['publishing', 'en cours'],
  unconfirmed: ['unconfirmed', 'à confirmer'],
  published: ['published', 'publié'],
  measured: ['measured', 'mesuré'],
  rejected: ['rejected', 'rejeté'],
  failed: ['failed', 'échec'],
  gap: ['gap', 'vide'],
  none: ['', ''],
};

const TYPE_LABEL: Record<string, [string, string]> = {
  case_study: ['case study', 'étude de cas'],
  tip: ['tip', 'conseil'],
  faq: ['FAQ', 'FAQ'],
  myth_busting: ['myth', 'mythe'],
  behind_the_scenes: ['behind scenes', 'coulisses'],
  testimonial: ['testimonial', 'témoignage'],
  industry_news: ['news', 'actualité'],
  announcement: ['announcement', 'annonce'],
  poll: ['poll', 'sondage'],
};

const platformName = (platform: string, lang: Lang) => labelOf(PLATFORM_LABELS, platform)[lang];

const idx = (lang: Lang) => (lang === 'fr' ? 1 : 0);
const width = (s: string) => [...s].length;
const fit = (s: string, w: number) => {
  const chars = [...s];
  const cut = chars.length > w ? `${chars.slice(0, Math.max(0, w - 1)).join('')}…` : s;
  return cut + ' '.repeat(Math.max(0, w - width(cut)));
};

export const typeLabel = (type: string | null, lang: Lang): string =>
  type ? (TYPE_LABEL[type]?.[idx(lang)] ?? type) : '';
export const stateLabel = (state: CellState, lang: Lang): string => STATE_LABEL[state][idx(lang)];
export const stateSymbol = (state: CellState, unicode: boolean): string => SYMBOLS[state][unicode ? 0 : 1];

/** `1er déc.` / `Dec 1`, through the shared formatter (Intl). */
export const shortDate = (date: string, lang: Lang): string => formatFor(lang).dayMonth(date);

const paint = (state: CellState, s: string, style: Style): string => {
  if (['published', 'measured'].includes(state)) return style.green(s);
  if (['approved', 'scheduled', 'publishing'].includes(state)) return style.cyan(s);
  if (['in_review', 'draft'].includes(state)) return style.magenta(s);
  if (['gap', 'failed', 'unconfirmed'].includes(state)) return style.yellow(s);
  if (['rejected', 'skipped'].includes(state)) return style.dim(s);
  return s;
};

/**
 * A week grid per platform: each week a row of days, each platform two lines (state and type,
 * then the slot time and title), then the week's moments. Every line fits `columns`: when seven
 * columns would be too narrow, only the days that hold something are shown.
 */
export const renderCalendarGrid = (data: CalendarData, o: GridOptions): string => {
  const lines: string[] = [];
  const label = Math.min(12, Math.max(...data.platforms.map((p) => p.length)) + 1);
  for (let start = 0; start < data.days.length; start += 7) {
    const week = data.days.slice(start, start + 7);
    let shown = week;
    let cw = Math.floor((o.columns - label) / shown.length);
    if (cw < 14) {
      shown = week.filter((d) => d.postingDay || d.events.length || d.cells.some((c) => c.state !== 'none'));
      if (shown.length === 0) shown = week.slice(0, 1);
      cw = Math.floor((o.columns - label) / shown.length);
    }
    cw = Math.max(4, Math.min(cw, 26));
    const title =
      o.lang === 'fr'
        ? `Semaine du ${shortDate(week[0]!.date, 'fr')} ${week[0]!.date.slice(0, 4)}`
        : `Week of ${shortDate(week[0]!.date, 'en')}, ${week[0]!.date.slice(0, 4)}`;
    lines.push(o.style.bold(fit(title, o.columns).trimEnd()));
    lines.push(
      ' '.repeat(label) +
        shown
          .map((d) => {
            const text = fit(`${formatFor(o.lang).weekdayShort(d.weekday)} ${Number(d.date.slice(8))}`, cw);
            return d.date === data.today
              ? o.style.bold(o.style.underline(text.trimEnd())) + ' '.repeat(cw - width(text.trimEnd()))
              : o.style.dim(text);
          })
          .join('')
          .trimEnd(),
    );
    for (const [pi, platform] of data.platforms.entries()) {
      const cellsOf = (d: CalendarDay): CalendarCell => d.cells[pi]!;
      const first = shown.map((d) => {
        const c = cellsOf(d);
        if (c.state === 'none') return ' '.repeat(cw);
        const what =
          c.state === 'gap' || c.state === 'skipped' ? stateLabel(c.state, o.lang) : typeLabel(c.contentType, o.lang);
        const text = fit(`${stateSymbol(c.state, o.unicode)}${c.fixed ? '!' : ' '}${what}`, cw - 1);
        return `${paint(c.state, text, o.style)} `;
      });
      const second = shown.map((d) => {
        const c = cellsOf(d);
        const f = formatFor(o.lang);
        // The title is French text: in French it reads with French spacing (« Les … »).
        const text = [
          c.time ? f.clock(c.time) : null,
          c.title ? (o.lang === 'fr' ? f.t(l(c.title, c.title)) : c.title) : null,
        ]
          .filter(Boolean)
          .join(' ');
        return `${o.style.dim(fit(text, cw - 1))} `;
      });
      lines.push(fit(platformName(platform, o.lang), label) + first.join('').trimEnd());
      if (second.some((s) => s.trim())) lines.push(' '.repeat(label) + second.join('').trimEnd());
    }
    const events = new Map<string, CalendarDay['events'][number]>();
    for (const d of week) for (const e of d.events) events.set(`${e.id}@${e.start}`, e);
    for (const e of events.values()) {
      const when =
        e.start === e.end ? shortDate(e.start, o.lang) : `${shortDate(e.start, o.lang)} – ${shortDate(e.end, o.lang)}`;
      const mark = o.unicode ? (e.holiday ? '◆' : '◇') : '*';
      lines.push(o.style.yellow(fit(`${' '.repeat(label)}${mark} ${when} · ${e.name[o.lang]}`, o.columns).trimEnd()));
    }
    lines.push('');
  }
  const legendStates: CellState[] = [
    'planned',
    'skipped',
    'in_review',
    'approved',
    'scheduled',
    'published',
    'measured',
    'gap',
  ];
  const legend = legendStates.map((s) => `${stateSymbol(s, o.unicode)} ${stateLabel(s, o.lang)}`);
  legend.push(
    o.lang === 'fr' ? '! fixé' : '! fixed',
    `${o.unicode ? '◆' : '*'} ${o.lang === 'fr' ? 'férié' : 'holiday'}`,
  );
  // The legend wraps at the width too.
  let row = '';
  for (const item of legend) {
    if (row && width(row) + 2 + width(item) > o.columns) {
      lines.push(o.style.dim(row));
      row = '';
    }
    row = row ? `${row}  ${item}` : item;
  }
  if (row) lines.push(o.style.dim(row));
  return lines.join('\n');
};
