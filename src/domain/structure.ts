import { seededRandom } from './random.js';
import type { Style } from './content.js';

/**
 * How a variant is built, chosen before it is written: its angle, how it opens and ends, its
 * length, whether it cites a number, and how many hashtags it carries. Variants of one post get
 * different plans, so every post tries several structures and the learning loop can measure
 * which ones work; once it has learned a preference, most variants follow it while one keeps
 * exploring the alternative.
 */
export const OPENINGS = ['scene', 'number', 'question', 'statement'] as const;
export const ENDINGS = ['cta', 'question', 'lesson'] as const;
export const LENGTHS = ['short', 'medium', 'long'] as const;
export const ANGLES = ['case', 'problem', 'how-it-works', 'objection', 'numbers', 'tip'] as const;

export type Opening = (typeof OPENINGS)[number];
export type Ending = (typeof ENDINGS)[number];
export type LengthBand = (typeof LENGTHS)[number];
export type Angle = (typeof ANGLES)[number];

export interface StructurePlan {
  angle: Angle;
  opening: Opening;
  ending: Ending;
  length: LengthBand;
  hashtags: 0 | 1 | 2;
  /** Cite at least one figure from the facts or the case. */
  numbers: boolean;
}

/** Target characters per length band (the writers aim inside, the linter's bounds are wider). */
export const LENGTH_CHARS: Record<LengthBand, [number, number]> = {
  short: [250, 450],
  medium: [450, 800],
  long: [800, 1100],
};

/** What the learning loop prefers (from active guidance rule keys). */
export interface StructurePrefs {
  ending?: Ending | undefined;
  opening?: Opening | undefined;
  length?: LengthBand | undefined;
  hashtags?: 'none' | 'some' | undefined;
  numbers?: boolean | undefined;
}

/** Reads the guidance rule keys the optimizer derives (guidance.ts) into preferences. */
export const prefsFromRules = (ruleKeys: readonly string[]): StructurePrefs => {
  const prefs: StructurePrefs = {};
  for (const key of ruleKeys) {
    if (key === 'question_end:yes') prefs.ending = 'question';
    else if (key === 'question_end:no') prefs.ending = 'cta';
    else if (key === 'length:short') prefs.length = 'short';
    else if (key === 'length:long') prefs.length = 'long';
    else if (key === 'number:yes') prefs.numbers = true;
    else if (key === 'number:no') prefs.numbers = false;
    else if (key === 'story:yes') prefs.opening = 'scene';
    else if (key === 'opening_question:yes') prefs.opening = 'question';
    else if (key === 'opening_number:yes') prefs.opening = 'number';
    else if (key === 'no_hashtags:yes') prefs.hashtags = 'none';
    else if (key === 'no_hashtags:no') prefs.hashtags = 'some';
  }
  return prefs;
};

const shuffle = <T>(items: readonly T[], random: () => number): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

const opposite = {
  ending: (e: Ending): Ending => (e === 'question' ? 'cta' : 'question'),
  length: (x: LengthBand): LengthBand => (x === 'short' ? 'long' : 'short'),
  opening: (o: Opening): Opening => (o === 'question' ? 'scene' : 'question'),
};

/**
 * One plan per style, all different: angles, openings, endings, lengths and hashtag counts are
 * dealt from shuffled decks so no two variants of a post share the same shape. The question
 * style always opens and ends on a question (that is what the style is). Learned preferences
 * apply to every variant but the last, which tries the opposite so the loop keeps learning.
 */
export const planStructures = (seed: string, styles: readonly Style[], prefs: StructurePrefs = {}): StructurePlan[] => {
  const random = seededRandom(`structure:${seed}`);
  const angles = shuffle(ANGLES, random);
  const openings = shuffle(OPENINGS, random);
  const endings = shuffle(ENDINGS, random);
  const lengths = shuffle(LENGTHS, random);
  const hashtags = shuffle([0, 1, 2] as const, random);
  const explore = styles.length - 1;
  return styles.map((style, i) => {
    const follow = styles.length === 1 || i !== explore;
    let opening = openings[i % openings.length]!;
    let ending = endings[i % endings.length]!;
    let length = lengths[i % lengths.length]!;
    let tags = hashtags[i % hashtags.length]!;
    let numbers = random() < 0.65;
    if (prefs.opening) opening = follow ? prefs.opening : opposite.opening(prefs.opening);
    if (prefs.ending) ending = follow ? prefs.ending : opposite.ending(prefs.ending);
    if (prefs.length) length = follow ? prefs.length : opposite.length(prefs.length);
    if (prefs.hashtags === 'none') tags = follow ? 0 : 2;
    else if (prefs.hashtags === 'some') tags = follow ? (tags === 0 ? 1 : tags) : 0;
    if (prefs.numbers !== undefined) numbers = follow ? prefs.numbers : !prefs.numbers;
    if (style === 'question') {
      opening = 'question';
      ending = 'question';
    } else if (style === 'storytelling' && opening === 'question') opening = 'scene';
    if (opening === 'number') numbers = true;
    return { angle: angles[i % angles.length]!, opening, ending, length, hashtags: tags, numbers };
  });
};

const OPENING_FR: Record<Opening, string> = {
  scene: 'une scène précise tirée d’une étude de cas (un lieu, un moment, ce qui se passe)',
  number: 'le chiffre le plus frappant, dès les premiers mots',
  question: 'une question précise que le propriétaire se pose vraiment',
  statement: 'un constat direct et vérifiable, sans mise en contexte',
};
const ENDING_FR: Record<Ending, string> = {
  cta: 'un seul appel à l’action, repris de la liste',
  question: 'une vraie question ouverte au lecteur, qui invite une réponse en commentaire',
  lesson: 'la leçon en une phrase, puis un seul appel à l’action court',
};
const ANGLE_FR: Record<Angle, string> = {
  case: 'raconter un client de la liste des études de cas et son résultat',
  problem: 'partir du problème concret que vit le lecteur',
  'how-it-works': 'montrer comment ça marche, étape par étape',
  objection: 'répondre franchement à une objection ou à une crainte',
  numbers: 'bâtir la publication autour d’un chiffre des faits fournis',
  tip: 'donner un conseil applicable cette semaine, le produit seulement à la fin',
};

/** The plan as the writer's instruction (French, like the rest of the prompt). */
export const describePlan = (plan: StructurePlan): string =>
  [
    `Angle : ${ANGLE_FR[plan.angle]}.`,
    `Ouverture : ${OPENING_FR[plan.opening]}.`,
    `Fin : ${ENDING_FR[plan.ending]}.`,
    `Longueur : ${LENGTH_CHARS[plan.length][0]} à ${LENGTH_CHARS[plan.length][1]} caractères.`,
    plan.numbers
      ? 'Chiffres : au moins un chiffre exact tiré des faits ou de l’étude de cas.'
      : 'Chiffres : aucun chiffre; misez sur la situation.',
    plan.hashtags === 0
      ? 'Mots-clics : aucun.'
      : `Mots-clics : ${plan.hashtags}, choisis dans la liste de la marque, à la fin.`,
  ].join('\n');

/** French/English phrase boundaries a headline may be cut at, strongest first. */
const CUT_AT = [': ', ' — ', ' – ', '; ', '. ', ', ', ' ? ', ' ! '];
const DANGLING =
  /\s+(?:de|du|des|d’|d'|à|au|aux|et|ou|pour|la|le|les|l’|l'|en|avec|sur|un|une|par|dans|sans|of|the|a|an|and|or|for|to|in|on|with)$/iu;

/**
 * A headline that fits `max` characters without being cut mid-phrase: the longest leading
 * phrase that fits, else whole words without a dangling article or preposition. No ellipsis.
 */
export const fitHeadline = (headline: string, max = 60): string => {
  // Runs of ordinary white space become one space; French no-break spaces (« : », « ? ») stay.
  const h = headline.replace(/[^\S\u00a0\u202f]+/g, ' ').trim();
  if ([...h].length <= max) return h;
  // « Clinique à Québec : les rendez-vous manqués ont baissé de 22 % » keeps the result.
  const colon = h.search(/[\s\u00a0\u202f]*:\s/u);
  if (colon > 0) {
    const after = h.slice(colon).replace(/^[\s\u00a0\u202f]*:\s+/u, '');
    if ([...after].length <= max && after.length >= 20) return after[0]!.toUpperCase() + after.slice(1);
  }
  for (const sep of CUT_AT) {
    const i = h.lastIndexOf(sep, max);
    if (i >= 20) return h.slice(0, i).replace(/[\s\u00a0\u202f]+$/u, '');
  }
  let cut = h.slice(0, max + 1).replace(/\s+\S*$/u, '');
  while (DANGLING.test(cut)) cut = cut.replace(DANGLING, '');
  return cut.replace(/[,;:\s\u00a0\u202f]+$/u, '');
};
