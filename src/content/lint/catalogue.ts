/**
 * The linter's rule catalogue, as data: phrase rules (token patterns, pattern.ts), the weighted
 * lexicon (lexicon.ts), structural detectors (structures.ts) and format/typography checks
 * (checks.ts). docs/LINT-RULES.md is written from this module (`node bench/lint-rules-doc.js`).
 */
import { CHECK_RULES_BY_ID } from './checks.js';
import { LEXICON } from './lexicon.js';
import type { CheckRule, PhraseRule, Rule } from './rule-types.js';
import { EN_CLOSER_RULES } from './rules-en-closers.js';
import { MOVE_RULES } from './rules-moves.js';
import { EN_VOICE_RULES } from './rules-en-voice.js';
import { EN_PHRASE_RULES } from './rules-en.js';
import { FR_CLOSER_RULES } from './rules-fr-closers.js';
import { FR_VOICE_RULES } from './rules-fr-voice.js';
import { FR_PHRASE_RULES } from './rules-fr.js';
import { REGISTER_WORD_RULES } from './rules-register-words.js';
import { REGISTER_RULES } from './rules-register.js';
import { STRUCTURE_RULES } from './structures.js';

export type { Category, CheckRule, Family, PhraseRule, Rule, RuleLang, RuleText, Severity } from './rule-types.js';
export { familyOf } from './rule-types.js';

export const PHRASE_RULES: PhraseRule[] = [
  ...FR_PHRASE_RULES,
  ...FR_VOICE_RULES,
  ...FR_CLOSER_RULES,
  ...EN_PHRASE_RULES,
  ...EN_VOICE_RULES,
  ...EN_CLOSER_RULES,
  ...MOVE_RULES,
  ...REGISTER_RULES,
  ...REGISTER_WORD_RULES,
];

/** A text-level error of the cliché family (it carries no weight of its own in the score). */
const textRule = (rule: Pick<CheckRule, 'id' | 'message' | 'suggestion' | 'detail' | 'example'>): CheckRule => ({
  ...rule,
  kind: 'check',
  lang: 'any',
  category: 'cliche',
  severity: 'error',
  weight: 0,
});

/** Emitted when weaker signals add up past the cliché threshold (no single error among them). */
export const ACCUMULATION_RULE = textRule({
  id: 'cliche-accumulation',
  message: {
    en: 'Too many machine-writing signals together (stock words, formulaic turns).',
    fr: 'Trop de signaux d’écriture générée ensemble (mots passe-partout, tournures toutes faites).',
  },
  suggestion: 'Rewrite the marked passages with concrete facts from the brand profile.',
  detail:
    'The per-text cliché score (0–100) reaches 50 from weaker signals only: stock words counted by density, medium patterns, dashes, emoji lists. The finding spans the strongest signal.',
  example:
    'Nos outils modernes et intuitifs simplifient la gestion. Optimiser votre temps devient essentiel pour rester serein au quotidien, avec un accompagnement personnalisé.',
});

/** The statistical scorer (style-model.ts): the register of generated marketing copy. */
export const STYLE_RULE = textRule({
  id: 'machine-style',
  message: {
    en: 'Reads like generated marketing copy: praise and promises, few specifics.',
    fr: 'Se lit comme un texte publicitaire généré : éloges et promesses, peu de concret.',
  },
  suggestion: 'Replace praise with facts: a client, a figure, a time, a place.',
  detail:
    'A logistic-regression scorer over 11 features (praise words, second person, exclamations, emojis, imperatives vs figures, names, times, first person, sentence length, abstract nouns), trained by bench/train-style-model.js on the corpus training split; an error at or above the threshold stored with the weights (chosen by 5-fold cross-validation on the training split, 0.7 today) when no other cliché error was found. Texts under 12 words are not scored.',
  example:
    'Notre équipe passionnée vous accueille avec le sourire. Profitez de nos services complets et personnalisés, adaptés à vos besoins. Réservez maintenant et découvrez le plaisir d’être bien servi !',
});

/** Stock words by density (the lexicon), one rule per language. */
const lexiconRule = (lang: 'fr' | 'en', sample: string, example: string): CheckRule => ({
  id: `${lang}-lexicon`,
  kind: 'check',
  lang,
  category: 'lexicon',
  severity: 'info',
  weight: 0,
  message: { en: 'A word language models overuse.', fr: 'Un mot que les modèles de langue surutilisent.' },
  suggestion: 'Replace it with the concrete fact it stands for.',
  detail: `${LEXICON[lang].length} weighted words and phrases (${sample}…); each adds its weight × √(100 ÷ words) to the cliché score, at most twice per word.`,
  example,
});

export const LEXICON_RULES: Record<'fr' | 'en', CheckRule> = {
  fr: lexiconRule(
    'fr',
    '« crucial », « levier », « fluide », « écosystème »',
    'Un levier crucial pour une expérience fluide.',
  ),
  en: lexiconRule(
    'en',
    '"crucial", "streamline", "vibrant", "tapestry"',
    'A vibrant, comprehensive ecosystem to streamline your journey.',
  ),
};

export const CHECK_RULES: CheckRule[] = [
  ...Object.values(STRUCTURE_RULES),
  ACCUMULATION_RULE,
  STYLE_RULE,
  LEXICON_RULES.fr,
  LEXICON_RULES.en,
  ...Object.values(CHECK_RULES_BY_ID),
];

export const RULES: Rule[] = [...PHRASE_RULES, ...CHECK_RULES];
