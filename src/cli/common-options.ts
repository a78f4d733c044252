import { STYLES } from '../domain/content.js';
import { l, type Localized } from '../i18n/localized.js';
import { integer, shaped, text } from './options.js';

/** The variant flag of approve, edit and image: the same checks, each with its own help line. */
export const variantOption = (
  description: Localized = l('variant number (1, 2 or 3)', 'numéro de variante (1, 2 ou 3)'),
) =>
  integer('-v, --variant <n>', description, {
    min: 1,
    max: STYLES.length,
    fix: l('Use 1, 2 or 3 (see `autoscale show <id>`).', 'Utilisez 1, 2 ou 3 (voir `autoscale show <id>`).'),
  });

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

/** An IANA time zone, checked by the runtime's own zone database. */
export const timeZoneOption = (description: Localized) =>
  shaped('--timezone <tz>', description, {
    convert: (value) => (isTimeZone(value) ? value : undefined),
    problem: l('is not an IANA time zone', 'n’est pas un fuseau IANA'),
    fix: l('Use a zone such as America/Toronto.', 'Utilisez un fuseau comme America/Toronto.'),
  });

const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** A time of day, `HH:MM` (a leading zero may be left out). */
export const clockTime = (flags: string, description: Localized) =>
  shaped(flags, description, {
    convert: (value) => HHMM.exec(value)?.[0].padStart(5, '0'),
    problem: l('is not a time as HH:MM', 'n’est pas une heure au format HH:MM'),
    fix: l('Example: 10:00', 'Exemple : 10:00'),
  });

/** `HH:MM-HH:MM`, the start before the end. */
export const timeWindow = (flags: string, description: Localized) =>
  shaped(flags, description, {
    convert: (value) => {
      const parts = value.split('-');
      if (parts.length !== 2) return undefined;
      const [start, end] = parts.map((part) => HHMM.exec(part.trim())?.[0].padStart(5, '0'));
      return start && end && start < end ? { start, end } : undefined;
    },
    problem: l('is not a window HH:MM-HH:MM', 'n’est pas une fenêtre HH:MM-HH:MM'),
    fix: l(
      'Example: --window 13:00-16:00 (the start before the end).',
      'Exemple : --window 13:00-16:00 (le début avant la fin).',
    ),
  });

/** The brand profile flags of `init` and `brand add`. */
export const profileOptions = (d: { product: Localized; timezone: Localized }) => ({
  company: text('--company <name>', l('company name', 'nom de l’entreprise')),
  product: text('--product <text>', d.product),
  audience: text('--audience <text>', l('who the posts are for', 'à qui s’adressent les publications')),
  timezone: timeZoneOption(d.timezone),
  pageId: text('--page-id <id>', l('Facebook Page id', 'identifiant de la Page Facebook')),
});
