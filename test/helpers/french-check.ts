import { COMMAND_NAMES } from '../../src/i18n/commands.js';
import { ENUMERATIONS } from '../../src/present/labels.js';

/**
 * Checks French interface text the way a reader would: English words, raw enumeration values
 * and typography errors. What is code stays out of it: `code spans`, command lines, flags,
 * <arguments>, paths, URLs, environment variables, ids, brand and product names.
 */

/** Names that are the same in both languages. */
const ALLOWED_NAMES = [
  'AutoScale AI',
  'AutoScale',
  'autoscale',
  'Facebook',
  'Meta',
  'Slack',
  'OpenAI',
  'Anthropic',
  'Claude',
  'Supabase',
  'Postgres',
  'PostgreSQL',
  'SQLite',
  'Instagram',
  'LinkedIn',
  'Graph API',
  'Kie',
  'Ink',
  'JSON',
  'CSV',
  'HTML',
  'Markdown',
  'systemd',
  'stdout',
  'stderr',
  'Socket Mode',
];

/**
 * Common English words that are not French words: one of them in French output is a sentence
 * (or a library message) nobody translated.
 */
const ENGLISH = new Set(
  `the and with for from into of is are was were be been not no yet none next this that these those
  which what when where who how why your you our it its by or but if then than there here
  run running use using used files found missing unknown did mean usage commands
  command display output number show shows error errors warning warnings failed
  default set get add remove list posts post draft drafts approved rejected published scheduled
  review pending queue queued done skipped nothing every each all any some more less only
  arguments required invalid value values should must can cannot will would
  write writes written read reads open opens create created creates new old last first
  week weeks day days month months hour hours today tomorrow yesterday
  cost costs calls call tokens average per brand brands
  state headline judge writer offline dry
  success internal interrupted busy store config external`
    .split(/\s+/)
    .filter(Boolean)
    // Command names are code, even where a message names one bare (« vouliez-vous dire list ? »).
    .filter((w) => !(COMMAND_NAMES as readonly string[]).includes(w)),
);
/** Removes what is code or a name, so only prose is left. */
export const prose = (text: string): string => {
  let s = text;
  s = s.replace(/`[^`\n]*`/g, ' ');
  s = s.replace(/^\s*\$ .*$/gm, ' '); // help examples: command lines
  s = s.replace(/\bautoscale(?: [a-z][a-z-]*)*/g, ' ');
  s = s.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, ' ');
  s = s.replace(/\b[\w.-]+\/[\w.-]+/g, ' '); // provider/model
  s = s.replace(/\bv?\d+(?:\.\d+){2,}(?::\d+)?\b/g, ' '); // addresses, versions (v20.20.2)
  s = s.replace(/\b[a-z]+\.(?:[a-z<][\w<>.]*)/gi, ' '); // config keys (approval.linkHours)
  s = s.replace(/(?:~|\.{1,2})?\/[\w.@+/-]+/g, ' '); // paths
  s = s.replace(/--?[a-z][\w-]*(?:[= ]<[^>]+>)?/gi, ' '); // flags
  s = s.replace(/<[^>\n]+>|\[[a-zà-ÿ ]+\]/gi, ' '); // <arguments>, [options]
  s = s.replace(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b(?:LANG|LC_ALL|LC_MESSAGES|COLUMNS|NO_COLOR|TZ)\b/g, ' ');
  s = s.replace(/\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b|\b[0-9a-f]{8}\b/g, ' ');
  for (const name of ALLOWED_NAMES) s = s.split(name).join(' ');
  return s;
};

const HELP_VALUES = new RegExp(
  `\\b(?:${[
    ...new Set(ENUMERATIONS.flatMap((e) => e.values)),
    ...['offline', 'auto', 'debug', 'info', 'warn', 'error', 'headline', 'text', 'native', 'queue'],
  ].join('|')})\\b`,
  'g',
);

const helpProse = (raw: string): string =>
  prose(raw.replace(/^ {2}[a-z][a-z-]*(?= )/, ' '))
    .replace(HELP_VALUES, ' ')
    .replace(/\b\d+[smhd]\b/g, ' ');

export interface Finding {
  kind: 'english' | 'enumeration' | 'typography';
  found: string;
  line: string;
}

const ENUM_VALUES = [
  ...new Set(ENUMERATIONS.flatMap((e) => e.values).filter((v) => /[_-]/.test(v) || v.length > 3)),
].filter((v) => !(COMMAND_NAMES as readonly string[]).includes(v));

/**
 * English words, raw enumeration values (unless `allowEnums`: help lists the values a flag
 * takes) and typography errors in French text.
 */
export const frenchFindings = (text: string, o: { allowEnums?: boolean } = {}): Finding[] => {
  const out: Finding[] = [];
  for (const raw of text.split('\n')) {
    // Help lists the values a flag takes (`--state approved`, `--expires 24h`), sub-command
    // names and CSV columns: those are what the user types, code there.
    const line = o.allowEnums ? helpProse(raw) : prose(raw);
    // snake_case names (a metric, a column) are code; a raw enumeration value is caught below.
    for (const word of line.replace(/\b\w+_\w+\b/g, ' ').match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? []) {
      if (ENGLISH.has(word.toLowerCase())) out.push({ kind: 'english', found: word, line: raw });
    }
    if (!o.allowEnums)
      for (const v of ENUM_VALUES)
        if (new RegExp(`(^|[^\\p{L}_-])${v}($|[^\\p{L}_-])`, 'u').test(line) && /[_-]/.test(v))
          out.push({ kind: 'enumeration', found: v, line: raw });
    const typo: [RegExp, string][] = [
      [/[^\s\u00a0\u202f]:(?=\s|$)/, 'no no-break space before « : »'],
      // A legend glyph after a column gap (« ·  vide  ! fixé ») is a symbol, not punctuation.
      [/(?<! ) [:;!?](?=\s|$)/, 'ordinary space before « : ; ! ? » (may break the line)'],
      [/[^\s\u00a0\u202f(][;!?](?=\s|$)/, 'no space before « ; ! ? »'],
      [/«[^\u00a0]|[^\u00a0]»/, 'no no-break space inside « »'],
      [/\b\d{1,2}h(?:\d{2})?\b/, '« 13h » instead of « 13 h »'],
      [/\d\.\d/, 'decimal point instead of a comma'],
      [/\$\s?\d/, 'dollar sign before the amount'],
      [/\p{L}'\p{L}/u, 'straight apostrophe'],
      [/\p{L}\((?:s|e|es)\)/u, 'plural written as « (s) »'],
      [/\d [%$]|\d \d{3}\b/, 'ordinary space inside a number (may break the line)'],
    ];
    for (const [re, what] of typo) {
      const m = re.exec(line);
      if (m) out.push({ kind: 'typography', found: `${what}: ${m[0]}`, line: raw });
    }
  }
  return out;
};

export const describeFindings = (findings: Finding[]): string =>
  findings.map((f) => `${f.kind}: ${f.found}\n    in: ${f.line}`).join('\n');

/**
 * French interface words that have an English equivalent: one of them in English output is a
 * message (or a label) that did not switch language. Post text is French in both languages, so
 * callers leave out output that quotes it.
 */
const FRENCH = new Set(
  `publication publications brouillon brouillons révision approuvée rejetée publiée programmée
  erreur erreurs avertissement avertissements remarque tâche tâches aucune aucun
  étude conseil récit professionnel témoignage sondage coulisses
  lundi mardi mercredi jeudi vendredi samedi dimanche
  lancez voyez marque marques jours semaine semaines
  fichier réplique concentrateur démon mesures relevé
  exportées importées enregistrée variante seuil qualité`
    .split(/\s+/)
    .filter(Boolean),
);

/** French words (from the list above) in English output. */
export const frenchInEnglish = (text: string): string[] =>
  (prose(text).match(/\p{L}+/gu) ?? []).filter((w) => FRENCH.has(w.toLowerCase()));
