import { Box, Text } from 'ink';
import { useCallback, useEffect, type ReactElement } from 'react';
import { zonedToUtc } from '../../domain/time.js';
import { formatFor } from '../../i18n/format.js';
import { l } from '../../i18n/localized.js';
import { platformLabel } from '../../present/platform-lines.js';
import { shortDate, stateLabel, stateSymbol, typeLabel } from '../../plan/calendar-grid.js';
import { useLatestReducer } from '../hooks/use-latest-reducer.js';
import { useModeKeys } from '../hooks/use-mode-keys.js';
import { CALENDAR_BINDINGS } from '../keybindings.js';
import { resolveKey } from '../key-resolve.js';
import { calendarReducer, hhmm, initialCalendar, movable, type CalendarScreen } from '../state/calendar-state.js';
import { useStudio } from '../studio-context.js';
import { truncate } from '../text-layout.js';
import { useUi } from '../ui-context.js';

const WEEKS = 4;

const fit = (s: string, w: number) => {
  const chars = [...s];
  const cut = chars.length > w ? `${chars.slice(0, Math.max(0, w - 1)).join('')}…` : s;
  return cut + ' '.repeat(Math.max(0, w - [...cut].length));
};

/**
 * `c`: the editorial calendar, week by week: planned entries, posts by state, gaps and the
 * Quebec moments. Enter picks up a planned entry or an approved slot; the arrows carry it to
 * another posting day (and - / + move a slot by 15 minutes, inside the posting window); Enter
 * puts it down through the same services as `plan swap` and `publish --reschedule`.
 */
export const CalendarMode = () => {
  const { actions, dispatch, layout, notify, run, busy } = useStudio();
  const { caps, t, theme } = useUi();
  const calendar = actions.calendar;
  const [state, send, latest] = useLatestReducer(calendarReducer, () => initialCalendar);

  // The notice of a move is shown once the calendar has reloaded (a task's start clears it).
  const load = useCallback(
    (at?: string, after?: () => void) => {
      if (!calendar) return;
      run(
        l('Loading the calendar', 'Chargement du calendrier'),
        () => calendar.load(WEEKS),
        (data) => {
          send({ type: 'loaded', data, at });
          after?.();
        },
      );
    },
    [calendar, run, send],
  );
  useEffect(() => load(), [load]);

  useModeKeys('calendar', (input, key) => {
    const c = resolveKey(CALENDAR_BINDINGS, caps, input, key);
    const s = latest.current;
    if (!c || !calendar) return;
    if (c === 'close' && !s.moving) return dispatch({ type: 'browse' });
    if (c === 'cancel') return s.moving ? send({ type: 'cancel' }) : dispatch({ type: 'browse' });
    if (c === 'left' || c === 'right') return send({ type: 'cursor', delta: c === 'left' ? -1 : 1 });
    if (c === 'up' || c === 'down') return send({ type: 'cursor', delta: c === 'up' ? -7 : 7 });
    if (c === 'platform') return send({ type: 'platform' });
    if (c === 'earlier' || c === 'later')
      return send({ type: 'minute', delta: c === 'earlier' ? -15 : 15, window: calendar.window });
    if (c !== 'pick' || !s.data || busy()) return;
    if (!s.moving) {
      if (!movable(s.data, s.day, s.platform))
        return notify(
          'info',
          l(
            'Only a planned entry or an approved slot, today or later, can move.',
            'Seule une entrée prévue ou un créneau approuvé, à partir d’aujourd’hui, se déplace.',
          ),
        );
      return send({ type: 'pick', window: calendar.window });
    }
    const m = s.moving;
    const from = s.data.days[m.from]!.date;
    const to = s.data.days[s.day]!.date;
    const platform = s.data.platforms[m.platform]!;
    if (m.kind === 'entry') {
      if (from === to) return send({ type: 'cancel' });
      return run(
        l('Moving the entry', 'Déplacement de l’entrée'),
        () => calendar.moveEntry(platform, from, to),
        () =>
          load(to, () =>
            notify(
              'success',
              l(
                `Moved to ${to} (both days are now fixed).`,
                `Déplacée au ${to} (les deux journées sont maintenant fixées).`,
              ),
            ),
          ),
      );
    }
    const at = zonedToUtc(to, m.minute, calendar.window.timeZone);
    return run(
      l('Moving the slot', 'Déplacement du créneau'),
      () => calendar.moveSlot(m.postId, at),
      () =>
        load(to, () =>
          notify('success', l(`Slot moved to ${to} ${hhmm(m.minute)}.`, `Créneau déplacé au ${to} ${hhmm(m.minute)}.`)),
        ),
    );
  });

  if (!state.data) {
    return (
      <Box height={layout.mainHeight}>
        <Text color={theme.muted}>{t(l('Loading the calendar…', 'Chargement du calendrier…'))}</Text>
      </Box>
    );
  }
  return <CalendarGrid state={state} height={layout.mainHeight} width={layout.width} />;
};

const CalendarGrid = ({ state, height, width }: { state: CalendarScreen; height: number; width: number }) => {
  const { lang, t, theme } = useUi();
  const data = state.data!;
  const unicode = true;
  const label = Math.min(10, Math.max(...data.platforms.map((p) => p.length)) + 1);
  const cw = Math.max(5, Math.floor((width - label) / 7));
  const rowsPerWeek = 1 + data.platforms.length + 1;
  const detailRows = 3;
  const fitWeeks = Math.max(1, Math.floor((height - 1 - detailRows) / rowsPerWeek));
  const cursorWeek = Math.floor(state.day / 7);
  const firstWeek = Math.max(0, Math.min(cursorWeek - fitWeeks + 1, data.days.length / 7 - fitWeeks));
  const lines: ReactElement[] = [];
  const title = `${t(l('Editorial calendar', 'Calendrier éditorial'))} · ${shortDate(data.from, lang)} → ${shortDate(data.to, lang)} (${data.timeZone})`;
  lines.push(
    <Text key="title" bold>
      {truncate(title, width)}
    </Text>,
  );
  for (let w = firstWeek; w < Math.min(firstWeek + fitWeeks, data.days.length / 7); w += 1) {
    const week = data.days.slice(w * 7, w * 7 + 7);
    lines.push(
      <Text key={`h${w}`} color={theme.muted}>
        {' '.repeat(label) +
          week
            .map((d) => `${fit(`${formatFor(lang).weekdayShort(d.weekday)} ${Number(d.date.slice(8))}`, cw - 1)} `)
            .join('')}
      </Text>,
    );
    data.platforms.forEach((platform, pi) => {
      lines.push(
        <Text key={`p${w}-${pi}`}>
          {fit(platformLabel(platform, lang), label)}
          {week.map((d, i) => {
            const index = w * 7 + i;
            const cell = d.cells[pi]!;
            const here = index === state.day && pi === state.platform;
            const origin = state.moving && state.moving.from === index && state.moving.platform === pi;
            let text =
              cell.state === 'none'
                ? ''
                : `${stateSymbol(cell.state, unicode)}${cell.fixed ? '!' : ' '}${cell.state === 'gap' || cell.state === 'skipped' ? stateLabel(cell.state, lang) : typeLabel(cell.contentType, lang)}`;
            if (here && state.moving)
              text = `→ ${state.moving.kind === 'slot' ? hhmm(state.moving.minute) : t(l('here', 'ici'))}`;
            const colour =
              cell.state === 'gap'
                ? theme.warning
                : cell.state === 'published' || cell.state === 'measured'
                  ? theme.success
                  : cell.state === 'approved' || cell.state === 'scheduled'
                    ? theme.accent
                    : undefined;
            return (
              <Text key={d.date} inverse={here} dimColor={origin} color={colour}>
                {/* The cursor is marked in text too: without colour, inverse video may not show. */}
                {fit(`${here ? '›' : ''}${origin ? `(${text})` : text}`, cw - 1)}{' '}
              </Text>
            );
          })}
        </Text>,
      );
    });
    const events = [...new Map(week.flatMap((d) => d.events).map((e) => [e.id, e])).values()];
    lines.push(
      <Text key={`e${w}`} color={theme.warning}>
        {truncate(
          events.length
            ? `${' '.repeat(label)}${events.map((e) => `${e.holiday ? '◆' : '◇'} ${shortDate(e.start, lang)} ${e.name[lang]}`).join(' · ')}`
            : '',
          width,
        )}
      </Text>,
    );
  }
  const day = data.days[state.day]!;
  const cell = day.cells[state.platform]!;
  const what =
    cell.state === 'none' ? t(l('not a posting day', 'pas un jour de publication')) : stateLabel(cell.state, lang);
  const detail = [
    `${shortDate(day.date, lang)} · ${platformLabel(data.platforms[state.platform] ?? '', lang)} · ${what}${cell.contentType ? ` · ${typeLabel(cell.contentType, lang)}` : ''}${cell.time ? ` · ${formatFor(lang).clock(cell.time)}` : ''}`,
    cell.title ?? '',
    state.moving
      ? t(l('Enter puts it down here · Esc cancels', 'Entrée la pose ici · Échap annule'))
      : cell.reason
        ? `» ${cell.reason[lang]}`
        : '',
  ];
  return (
    <Box flexDirection="column" height={height}>
      {lines}
      {detail.map((d, i) => (
        <Text key={`d${i}`} color={i === 2 ? theme.muted : undefined}>
          {truncate(d, width)}
        </Text>
      ))}
    </Box>
  );
};
