import type { Sentence, TextLang, Token } from './normalize.js';
import { STRENGTH, type CheckRule, type Strength } from './rule-types.js';

/**
 * Structural detectors: the rhythm of machine-written posts rather than their words (runs of
 * rhetorical questions, triads of adjectives, anaphora, emoji bullet lists, staccato
 * fragments, dash overuse). Each reports the span of the structure it found.
 */
const check = (
  id: string,
  strength: Strength,
  message: { en: string; fr: string },
  suggestion: string,
  detail: string,
  example: string,
): CheckRule => ({
  id,
  kind: 'check',
  lang: 'any',
  category: 'structure',
  ...STRENGTH[strength],
  message,
  suggestion,
  detail,
  example,
});

export const STRUCTURE_RULES = {
  questionRun: check(
    'question-run',
    'strong',
    { en: 'A run of rhetorical questions.', fr: 'Une rafale de questions rhétoriques.' },
    'Keep one precise question; answer it with a fact.',
    'Three or more questions in a row (two in a row at the very start is a weaker signal, reported as a note).',
    'Vous manquez des appels ? Vos clients attendent ? Votre équipe est débordée ?',
  ),
  adjectiveTriad: check(
    'adjective-triad',
    'medium',
    { en: 'A triad of adjectives.', fr: 'Une triade d’adjectifs.' },
    'Keep the one adjective you can prove, and prove it.',
    '"A, B and C" where the three words are adjectives (an error when two are stock praise words: simple, rapide, efficace, intuitive, seamless, powerful…) or abstract nouns (« qualité, rigueur et transparence », a warning).',
    'Une solution innovante, intuitive et performante.',
  ),
  anaphora: check(
    'anaphora-run',
    'strong',
    { en: 'Three sentences in a row open the same way.', fr: 'Trois phrases de suite commencent de la même façon.' },
    'Vary the sentences, or merge them into one.',
    'Three or more consecutive sentences or lines starting with the same word (articles and pronouns excepted): « Parce que… Parce que… Parce que… », « Plus de… Plus de… Plus de… ».',
    'Plus d’appels manqués. Plus de clients perdus. Plus de stress.',
  ),
  emojiBullets: check(
    'emoji-bullets',
    'medium',
    { en: 'Emoji bullet list.', fr: 'Liste à puces d’émojis.' },
    'Write the two or three points as plain sentences.',
    'Three or more lines that start with an emoji (✅, 👉, 🚀, 1️⃣…).',
    '✅ Réponse 24/7\n✅ Rendez-vous pris\n✅ Zéro appel manqué',
  ),
  staccato: check(
    'staccato',
    'medium',
    { en: 'Staccato fragments.', fr: 'Fragments en rafale.' },
    'Write full sentences.',
    'Three or more fragments of at most four words in a row (lines with numbers, links or hashtags are skipped).',
    'Simple. Rapide. Efficace.',
  ),
  mirror: check(
    'mirror-formula',
    'strong',
    { en: 'A mirrored slogan.', fr: 'Une formule en miroir.' },
    'Say the fact the slogan stands for.',
    '« Investir dans X, c’est investir dans Y », "Investing in X means investing in Y".',
    'Investir dans leur santé, c’est investir dans votre réussite.',
  ),
  dashes: {
    ...check(
      'em-dash-overuse',
      'weak',
      { en: 'Dash overuse: a tell-tale of machine text.', fr: 'Tirets en rafale : typique d’un texte généré.' },
      'Use a period, a comma or a colon.',
      'More than one em dash (or spaced en dash) in French, more than two in English; each extra one is reported.',
      'La réponse — simple — rapide — efficace.',
    ),
    severity: 'warning',
  } satisfies CheckRule,
};

export interface StructureHit {
  rule: CheckRule;
  start: number;
  end: number;
  /** Weight of this hit in the cliché score (may be lower than the rule's for a weak form). */
  weight: number;
  severity?: CheckRule['severity'];
}

const BUZZ_ADJ: Record<TextLang, Set<string>> = {
  fr: new Set(
    'rapide rapides simple simples efficace efficaces fiable fiables intuitif intuitive intuitifs performant performante performants innovant innovante innovants fluide fluides securitaire securitaires personnalise personnalisee personnalises abordable abordables flexible flexibles accessible accessibles moderne modernes puissant puissante puissants intelligent intelligente intelligents professionnel professionnelle humain humaine chaleureux chaleureuse precis precise securise securisee pratique pratiques clair claire concret concrete durable durables agile agiles efficient efficiente optimise optimisee sur sure fiables transparente transparent dynamique dynamiques'.split(
      ' ',
    ),
  ),
  en: new Set(
    'fast quick simple easy reliable seamless intuitive powerful efficient smart secure affordable scalable flexible robust friendly accurate personal human modern innovative effective streamlined dynamic personalized tailored professional transparent'.split(
      ' ',
    ),
  ),
};
/** Abstract nouns (qualité, rigueur, transparence; quality, rigour, transparency). */
const ABSTRACT_SUFFIX: Record<TextLang, RegExp> = {
  fr: /(?:ité|ités|té|ance|ances|ence|ences|eur|ude|tion|sion|ise|isme|esse|ité)$/u,
  en: /(?:ity|ness|ance|ence|ency|ism|ion|ty|our|or|ment|ship)$/,
};
const ADJ_SUFFIX: Record<TextLang, RegExp> = {
  fr: /(?:if|ive|ifs|ives|ante?s?|ente?s?|ables?|ibles?|elles?|els?|iques?|eux|euses?|ales?|aux|aires?|ides?|ée?s?|é)$/u,
  en: /(?:ive|ful|less|able|ible|ent|ant|ic|ous|al|ized|ised)$/,
};
const PLAIN_STARTS = new Set(
  'le la les l un une des de du il elle ils elles on nous vous je j c ce cette ces et mais the a an i we you it he she they this that and but our your'.split(
    ' ',
  ),
);

const isWord = (t: Token | undefined): t is Token => t?.kind === 'word';
const adjectiveLike = (text: string, t: Token, lang: TextLang, midSentence = true) =>
  !(midSentence && /^\p{Lu}/u.test(text.slice(t.start, t.end))) &&
  (BUZZ_ADJ[lang].has(t.norm) ||
    (t.norm.length >= 4 && ADJ_SUFFIX[lang].test(text.slice(t.start, t.end).toLowerCase())));

const SECOND_PERSON = new Set('vous votre vos tu ton ta tes toi you your yours'.split(' '));

/**
 * Three questions in a row are a rhetorical barrage when they are short (the "Vous manquez
 * des appels ? Vos clients attendent ? …" hook) or keep addressing the reader; a real question
 * followed by the options it offers ("Les confirmations ? Le stationnement ?") is not.
 */
const questionRuns = (text: string, tokens: Token[], sents: Sentence[]): StructureHit[] => {
  const out: StructureHit[] = [];
  let i = 0;
  while (i < sents.length) {
    if (sents[i]!.close !== '?') {
      i += 1;
      continue;
    }
    let j = i;
    while (j + 1 < sents.length && sents[j + 1]!.close === '?') j += 1;
    const run = sents.slice(i, j + 1);
    const lengths = run.map((s) => tokens.slice(s.from, s.to).filter((t) => t.kind === 'word').length);
    const addressed = run.filter((s) => tokens.slice(s.from, s.to).some((t) => SECOND_PERSON.has(t.norm))).length;
    const span = { start: sents[i]!.start, end: sents[j]!.end };
    const short = lengths.reduce((a, b) => a + b, 0) / lengths.length <= 8 && Math.max(...lengths) <= 10;
    if (run.length >= 3 && (short || (addressed >= 2 && Math.max(...lengths) <= 12)))
      out.push({ rule: STRUCTURE_RULES.questionRun, ...span, weight: 1 });
    else if (run.length >= 2 && i === 0 && text.slice(span.start, span.end).length < 160)
      out.push({ rule: STRUCTURE_RULES.questionRun, ...span, weight: 0.3, severity: 'info' });
    i = j + 1;
  }
  return out;
};

const triads = (text: string, tokens: Token[], lang: TextLang): StructureHit[] => {
  const out: StructureHit[] = [];
  const and = lang === 'fr' ? new Set(['et', 'ou']) : new Set(['and', 'or']);
  for (let i = 0; i + 4 < tokens.length; i += 1) {
    // A , B (,)? et C — each a single lower-case word
    const a = tokens[i];
    const c1 = tokens[i + 1];
    const b = tokens[i + 2];
    let k = i + 3;
    if (tokens[k]?.norm === ',') k += 1;
    const conj = tokens[k];
    const c = tokens[k + 1];
    if (!isWord(a) || c1?.norm !== ',' || !isWord(b) || !conj || !and.has(conj.norm) || !isWord(c)) continue;
    const words = [a, b, c];
    const abstract = words.every((w) => {
      const raw = text.slice(w.start, w.end).toLowerCase();
      return raw.length >= 4 && ABSTRACT_SUFFIX[lang].test(raw);
    });
    if (abstract) {
      out.push({ rule: STRUCTURE_RULES.adjectiveTriad, start: a.start, end: c.end, weight: 0.5, severity: 'warning' });
      i = k + 1;
      continue;
    }
    if (!words.every((w) => adjectiveLike(text, w, lang))) continue;
    const buzz = words.filter((w) => BUZZ_ADJ[lang].has(w.norm)).length;
    out.push({
      rule: STRUCTURE_RULES.adjectiveTriad,
      start: a.start,
      end: c.end,
      weight: buzz >= 2 ? 1 : 0.5,
      severity: buzz >= 2 ? 'error' : 'warning',
    });
    i = k + 1;
  }
  return out;
};

const firstWord = (tokens: Token[], s: Sentence): Token | undefined =>
  tokens.slice(s.from, s.to).find((t) => t.kind === 'word' || t.kind === 'num');

const anaphora = (tokens: Token[], sents: Sentence[]): StructureHit[] => {
  const out: StructureHit[] = [];
  let i = 0;
  while (i < sents.length) {
    const w = firstWord(tokens, sents[i]!);
    let j = i;
    while (j + 1 < sents.length && w && firstWord(tokens, sents[j + 1]!)?.norm === w.norm) j += 1;
    if (w && w.kind === 'word' && j - i + 1 >= 3 && !PLAIN_STARTS.has(w.norm)) {
      out.push({ rule: STRUCTURE_RULES.anaphora, start: sents[i]!.start, end: sents[j]!.end, weight: 1 });
    }
    i = j + 1;
  }
  return out;
};

const emojiBullets = (text: string): StructureHit[] => {
  const lines = [...text.matchAll(/^[ \t]*(?:\p{Extended_Pictographic}|\d\ufe0f?\u20e3)[^\n]*/gmu)];
  if (lines.length < 3) return [];
  return [
    {
      rule: STRUCTURE_RULES.emojiBullets,
      start: lines[0]!.index,
      end: lines.at(-1)!.index + lines.at(-1)![0].length,
      weight: 0.5,
    },
  ];
};

const staccato = (text: string, tokens: Token[], sents: Sentence[], lang: TextLang): StructureHit[] => {
  const out: StructureHit[] = [];
  // Lines of a list ("A. Par téléphone", "- le matin") are options, not fragments.
  const listLine = (at: number) =>
    /^[ \t]*(?:[-•*]|\d{1,2}[.)]|[A-Za-z][.)])[ \t]/u.test(text.slice(text.lastIndexOf('\n', at - 1) + 1));
  const fragment = (s: Sentence) => {
    if (listLine(s.start)) return false;
    const body = tokens.slice(s.from, s.to);
    if (body.some((t) => t.kind !== 'word' && t.kind !== 'punct' && t.kind !== 'break' && t.kind !== 'emoji'))
      return false;
    const words = body.filter((t) => t.kind === 'word');
    return words.length >= 1 && words.length <= 4 && s.close !== '?' && s.close !== '';
  };
  let i = 0;
  while (i < sents.length) {
    if (!fragment(sents[i]!)) {
      i += 1;
      continue;
    }
    let j = i;
    while (j + 1 < sents.length && fragment(sents[j + 1]!)) j += 1;
    if (j - i + 1 >= 3) {
      const words = sents.slice(i, j + 1).flatMap((s) => tokens.slice(s.from, s.to).filter((t) => t.kind === 'word'));
      const adjectives = words.length <= (j - i + 1) * 2 && words.every((t) => adjectiveLike(text, t, lang, false));
      out.push({
        rule: STRUCTURE_RULES.staccato,
        start: sents[i]!.start,
        end: sents[j]!.end,
        weight: adjectives ? 1 : 0.5,
        severity: adjectives ? 'error' : 'warning',
      });
    }
    i = j + 1;
  }
  return out;
};

// « Investir dans leur santé, c'est investir dans votre réussite »; "Investing in X means investing in Y".
const MIRROR: Record<TextLang, RegExp> = {
  fr: /(?<![\p{L}])(\p{L}{4,})\b[^.?!\n]{3,90}?, c['’]est (?:aussi |avant tout |d['’]abord )?\1(?![\p{L}])/giu,
  en: /(?<![\p{L}])(\p{L}{3,}ing)\b[^.?!\n]{3,90}?\b(?:means|is) (?:also )?\1(?![\p{L}])/giu,
};
const mirrors = (text: string, lang: TextLang): StructureHit[] =>
  [...text.matchAll(MIRROR[lang])].map((m) => ({
    rule: STRUCTURE_RULES.mirror,
    start: m.index,
    end: m.index + m[0].length,
    weight: 1,
  }));

const dashes = (text: string, lang: TextLang): StructureHit[] => {
  // A dash that opens a line is a list bullet or a signature, not a mid-sentence dash.
  const found = [...text.matchAll(/(?<!^[ \t]*)(?:—|(?<=\s)–(?=\s))/gmu)];
  const max = lang === 'fr' ? 1 : 2;
  return found.slice(max).map((m) => ({ rule: STRUCTURE_RULES.dashes, start: m.index, end: m.index + 1, weight: 0.3 }));
};

export const structureHits = (text: string, tokens: Token[], sents: Sentence[], lang: TextLang): StructureHit[] => [
  ...questionRuns(text, tokens, sents),
  ...triads(text, tokens, lang),
  ...anaphora(tokens, sents),
  ...emojiBullets(text),
  ...staccato(text, tokens, sents, lang),
  ...dashes(text, lang),
  ...mirrors(text, lang),
];
