import type { ProgressSink } from '../deps/service-deps.js';
import { formatFor } from '../i18n/format.js';
import { l } from '../i18n/localized.js';
import type { Output, Progress } from './output.js';

const WIDTH = 20;

const human = (n: number, unit: string | undefined, lang: 'en' | 'fr') => {
  if (unit === 'bytes') {
    const mb = n / 1_048_576;
    const digits = mb >= 10 ? 0 : 1;
    return `${formatFor(lang).num(mb, digits, digits)}\u00a0${lang === 'fr' ? 'Mo' : 'MB'}`;
  }
  return formatFor(lang).int(n);
};

const duration = (seconds: number, lang: 'en' | 'fr') => {
  if (!Number.isFinite(seconds)) return '…';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}\u00a0s`;
  const m = Math.floor(s / 60);
  return lang === 'fr'
    ? `${m}\u00a0min\u00a0${String(s % 60).padStart(2, '0')}`
    : `${m}m${String(s % 60).padStart(2, '0')}s`;
};

/**
 * Renders a service's progress events on stderr: a bar with the rate and the time left when the
 * event knows how much there is (`done`/`total`), else the step and its detail. On a terminal only
 * (Output.progress prints the label once otherwise); redrawn at most every 100 ms; fits 80 columns.
 * Nothing is shown until an event passes `start` (default: the first event), so work that fails
 * before it (an import's validation pass) leaves the error as the only line on stderr.
 */
export const progressBar = (
  out: Output,
  label: string,
  now: () => number = Date.now,
  start: (event: Parameters<ProgressSink>[0]) => boolean = () => true,
): { sink: ProgressSink; done: Progress['done'] } => {
  let shown: Progress | undefined;
  const progress: Progress = {
    update: (text) => shown?.update(text),
    done: (final) => shown?.done(final),
  };
  const started = new Map<string, { at: number; done: number }>();
  let last = 0;
  const sink: ProgressSink = (event) => {
    if (!shown && !start(event)) return;
    shown ??= out.progress(label);
    const t = now();
    if (event.done === undefined || !event.total) {
      progress.update(`${event.step} ${event.detail ?? ''}`.trim());
      return;
    }
    if (t - last < 100 && event.done < event.total) return;
    last = t;
    const first = started.get(event.step) ?? { at: t, done: 0 };
    started.set(event.step, first);
    const ratio = Math.min(1, event.done / event.total);
    const filled = Math.round(ratio * WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
    const elapsed = (t - first.at) / 1000;
    const rate = elapsed > 0.2 ? (event.done - first.done) / elapsed : NaN;
    const left = rate > 0 ? (event.total - event.done) / rate : NaN;
    const lang = out.lang;
    const unit = event.unit === 'bytes' ? '' : ` ${event.unit ?? ''}`;
    const speed = Number.isFinite(rate) ? `${human(rate, event.unit, lang)}${unit.trimEnd()}/s` : '';
    const text = out.t(
      l(
        `${event.step} ${bar} ${Math.floor(ratio * 100)} % ${human(event.done, event.unit, 'en')}/${human(event.total, event.unit, 'en')}${speed ? ` · ${speed}` : ''} · ${duration(left, 'en')} left`,
        `${event.step} ${bar} ${Math.floor(ratio * 100)}\u00a0% ${human(event.done, event.unit, 'fr')}/${human(event.total, event.unit, 'fr')}${speed ? ` · ${speed}` : ''} · reste ${duration(left, 'fr')}`,
      ),
    );
    progress.update(text);
  };
  return { sink, done: (final) => progress.done(final) };
};
