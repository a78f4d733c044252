import { l, pick, type Lang, type Localized } from '../i18n/localized.js';
import { localParts } from '../domain/time.js';
import type { GateStatus } from '../review/quality-gate.js';

const NBSP = '\u00a0';

/** "mardi 1 décembre, 14 h 05" / "Tuesday, December 1, 2:05 PM", in the brand's time zone. */
export const friendlySlot = (instant: Date, timeZone: string, lang: Lang): string => {
  if (lang === 'fr') {
    const day = new Intl.DateTimeFormat('fr-CA', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(
      instant,
    );
    const p = localParts(instant, timeZone);
    return `${day}, ${p.hour}${NBSP}h${NBSP}${String(p.minute).padStart(2, '0')}`;
  }
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(instant);
};

export const STYLE_NAMES: Record<string, Localized> = {
  professional: l('professional', 'professionnel'),
  storytelling: l('storytelling', 'récit'),
  question: l('question', 'question'),
};

export const styleName = (style: string, lang: Lang) => pick(STYLE_NAMES[style] ?? l(style, style), lang);

/** French typography: a no-break space before : ; ! ? in the text we compose. */
export const frPunct = (text: string, lang: Lang) => (lang === 'fr' ? text.replace(/ ([:;!?])/g, `${NBSP}$1`) : text);

export const gateLine = (gate: GateStatus, lang: Lang): string => {
  const score = gate.score === null ? '?' : String(Math.round(gate.score));
  if (gate.passed) return pick(l(`quality ${score} ✓ gate passed`, `qualité ${score} ✓ seuil atteint`), lang);
  return `${pick(l(`quality ${score} ⚠ `, `qualité ${score} ⚠ `), lang)}${gate.reasons.map((r) => pick(r, lang)).join('; ')}`;
};
