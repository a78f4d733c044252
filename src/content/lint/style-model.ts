import type { Sentence, TextLang, Token } from './normalize.js';
import WEIGHTS from './style-weights.json' with { type: 'json' };

/**
 * A small statistical scorer for what phrase rules cannot list: the promotional register of
 * generated posts (praise words, second person, exclamations, emojis, imperatives) against the
 * specifics of a person's post (figures, names, times, first person). Logistic regression over
 * a dozen features, trained by `bench/train-style-model.js` on the training split of the
 * labelled corpus; the weights ship in style-weights.json, nothing is fetched at run time.
 */
export const STYLE_FEATURES = [
  'praisePer100',
  'secondPersonShare',
  'exclamationsPerSentence',
  'emojisPer100',
  'imperativeShare',
  'figuresPer100',
  'namesPer100',
  'firstPersonPer100',
  'timesAndDates',
  'meanSentenceWords',
  'abstractPer100',
] as const;
export type StyleFeature = (typeof STYLE_FEATURES)[number];

const PRAISE: Record<TextLang, Set<string>> = {
  fr: new Set(
    'dedie dediee dedies dediees devoue devouee devoues devouees moderne modernes apaisant apaisante chaleureux chaleureuse chaleureuses passionne passionnee passionnes passionnees ideal ideale parfait parfaite parfaitement veritable reve reves rever plaisir unique uniques exceptionnel exceptionnelle exceptionnels impeccable impeccables fiable fiables durable durables efficace efficaces personnalise personnalisee personnalises personnalisees adapte adaptee adaptes adaptees complet complete completes optimal optimale elegant elegante soigneusement attentionne attentionnee amour qualite superieure expert experts expertise meilleur meilleure meilleurs incroyable incroyables magnifique simplifier simple simples rapide rapides facile facilement tranquille serenite confort ideale precieux precieuse essentiel essentielle innovant innovante innovants professionnel professionnelle professionnalisme excellence agreable conviviale convivial savourer profitez offrez decouvrez redecouvrez transformez maximisez simplifiez optimisez'.split(
      ' ',
    ),
  ),
  en: new Set(
    'dedicated modern calming warm welcoming passionate ideal perfect perfectly true dream dreams joy unique exceptional flawless reliable lasting effective personalized tailored complete optimal sleek elegant carefully love quality expert experts expertise best incredible amazing beautiful simple easy easily fast quick peace comfort precious essential innovative professional professionalism excellence enjoy treat discover rediscover transform maximize simplify optimize seamless stunning wonderful premium superior trusted friendly'.split(
      ' ',
    ),
  ),
};
const SECOND: Record<TextLang, Set<string>> = {
  fr: new Set(['vous', 'votre', 'vos', 'tu', 'ton', 'ta', 'tes', 'toi']),
  en: new Set(['you', 'your', 'yours', 'yourself']),
};
const FIRST_SINGULAR: Record<TextLang, Set<string>> = {
  fr: new Set(['je', 'j', 'moi', 'mon', 'ma', 'mes', 'on']),
  en: new Set(['i', 'me', 'my', 'mine']),
};
const WORDS_EN_IMPERATIVE = new Set(
  'book call contact discover enjoy try get join take give treat let come visit find choose make start order learn see rediscover invest leave focus discover experience trust'.split(
    ' ',
  ),
);
const ABSTRACT = /(?:ité|té|ance|ence|tion|sion|isme|ude|ity|ness|ance|ence|ion|ism|ment)$/u;

const per100 = (n: number, words: number) => (words > 0 ? (100 * n) / words : 0);

/** The features of one text, in STYLE_FEATURES order. */
export const styleFeatures = (text: string, tokens: Token[], sents: Sentence[], lang: TextLang): number[] => {
  const words = tokens.filter((t) => t.kind === 'word');
  const n = words.length;
  const praise = words.filter((t) => PRAISE[lang].has(t.norm)).length;
  const second = words.filter((t) => SECOND[lang].has(t.norm)).length;
  const first = words.filter((t) => FIRST_SINGULAR[lang].has(t.norm)).length;
  const figures = tokens.filter((t) => t.kind === 'num').length;
  const emojis = tokens.filter((t) => t.kind === 'emoji').length;
  const exclamations = sents.filter((s) => s.close === '!').length;
  // A capitalised word inside a sentence is usually a name (a person, a town, a business).
  let names = 0;
  let imperatives = 0;
  let times = 0;
  for (const s of sents) {
    const inside = tokens.slice(s.from, s.to).filter((t) => t.kind === 'word');
    const head = inside[0];
    if (head) {
      const raw = text.slice(head.start, head.end).toLowerCase();
      if (lang === 'fr' ? /(?:ez|ons)$/u.test(raw) && raw.length > 4 : WORDS_EN_IMPERATIVE.has(raw)) imperatives += 1;
    }
    for (const t of inside.slice(1)) if (/^\p{Lu}\p{Ll}/u.test(text.slice(t.start, t.end))) names += 1;
  }
  times += (text.match(/\b\d{1,2}\s?(?:h|:\d{2}|a\.m\.|p\.m\.)/giu) ?? []).length;
  times += (
    text.match(
      /\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december)\b/giu,
    ) ?? []
  ).length;
  const abstract = words.filter(
    (t) => t.norm.length > 5 && ABSTRACT.test(text.slice(t.start, t.end).toLowerCase()),
  ).length;
  // Independent of the phrase rules on purpose: the model must catch what they miss.
  return [
    per100(praise, n),
    n > 0 ? second / n : 0,
    sents.length ? exclamations / sents.length : 0,
    per100(emojis, n),
    sents.length ? imperatives / sents.length : 0,
    per100(figures, n),
    per100(names, n),
    per100(first, n),
    Math.min(times, 4),
    sents.length ? n / sents.length : 0,
    per100(abstract, n),
  ];
};

export interface StyleWeights {
  version: number;
  features: string[];
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  threshold: number;
  trainedOn: string;
}

const weights: StyleWeights = WEIGHTS;

/** Probability (0–1) that the text is written in the generated-marketing register. */
export const styleProbability = (features: number[], w: StyleWeights = weights): number => {
  let z = w.bias;
  for (let i = 0; i < w.weights.length; i += 1) z += w.weights[i]! * ((features[i]! - w.mean[i]!) / (w.scale[i]! || 1));
  return 1 / (1 + Math.exp(-z));
};

export const styleThreshold = (w: StyleWeights = weights): number => w.threshold;
