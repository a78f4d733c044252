/**
 * Types of the linter's rule catalogue. The catalogue is data (rules-*.ts); the engine
 * (engine.ts) and docs/LINT-RULES.md are built from it.
 */
export type Severity = 'error' | 'warning' | 'info';
export type RuleLang = 'fr' | 'en' | 'any';

/** What a finding is about; `familyOf` groups them. */
export type Category =
  | 'cliche'
  | 'structure'
  | 'lexicon'
  | 'filler'
  | 'generic-cta'
  | 'engagement-bait'
  | 'calque'
  | 'anglicism'
  | 'france-usage'
  | 'typography'
  | 'format';

/** cliche: machine-sounding writing (feeds the cliché score); register: Quebec French usage. */
export type Family = 'cliche' | 'register' | 'typography' | 'format';

export const familyOf = (c: Category): Family =>
  c === 'calque' || c === 'anglicism' || c === 'france-usage'
    ? 'register'
    : c === 'typography'
      ? 'typography'
      : c === 'format'
        ? 'format'
        : 'cliche';

export interface RuleText {
  en: string;
  fr: string;
}

interface RuleBase {
  id: string;
  lang: RuleLang;
  category: Category;
  severity: Severity;
  /**
   * Weight of one finding in the per-text cliché score (0 outside the cliché family). A weight
   * of 1 is enough on its own to call a text clichéd; weaker signals must add up.
   */
  weight: number;
  message: RuleText;
  suggestion: string;
  /** A sentence that triggers the rule (docs/LINT-RULES.md, and a test checks it does). */
  example: string;
  /** Where the usage advice comes from (OQLF articles for the register rules). */
  ref?: string | undefined;
}

export interface PhraseRule extends RuleBase {
  kind: 'phrase';
  /** Patterns in the token pattern language (pattern.ts). */
  patterns: string[];
  /** The finding is dropped when one of these also matches in the same sentence or the next. */
  unless?: string[] | undefined;
}

export interface CheckRule extends RuleBase {
  kind: 'check';
  /** How the check works, for the docs. */
  detail: string;
  params?: Record<string, number | Record<string, [number, number]>> | undefined;
}

export type Rule = PhraseRule | CheckRule;

/** Severity and cliché weight by strength: a strong pattern condemns a text on its own. */
export const STRENGTH = {
  strong: { severity: 'error', weight: 1 },
  medium: { severity: 'warning', weight: 0.5 },
  weak: { severity: 'info', weight: 0.3 },
} as const satisfies Record<string, { severity: Severity; weight: number }>;
export type Strength = keyof typeof STRENGTH;

const CATEGORY_MESSAGE: Partial<Record<Category, RuleText>> = {
  cliche: { en: 'AI cliché: sounds machine-written.', fr: 'Cliché d’IA : sonne comme un texte généré.' },
  structure: {
    en: 'Formulaic structure typical of machine-written posts.',
    fr: 'Structure toute faite, typique des textes générés.',
  },
  filler: { en: 'Filler phrase: says nothing.', fr: 'Formule creuse : n’apporte rien.' },
  'generic-cta': {
    en: 'Generic call to action.',
    fr: 'Appel à l’action générique.',
  },
  'engagement-bait': {
    en: 'Engagement bait: Facebook demotes it.',
    fr: 'Appât à l’engagement : Facebook le pénalise.',
  },
};

/** A phrase rule of the cliché family. */
export const phrase = (
  id: string,
  lang: 'fr' | 'en',
  category: Category,
  strength: Strength,
  patterns: string[],
  suggestion: string,
  example: string,
  extra: { unless?: string[]; message?: RuleText } = {},
): PhraseRule => ({
  id,
  kind: 'phrase',
  lang,
  category,
  ...STRENGTH[strength],
  patterns,
  unless: extra.unless,
  message: extra.message ?? CATEGORY_MESSAGE[category] ?? CATEGORY_MESSAGE.cliche!,
  suggestion,
  example,
});
