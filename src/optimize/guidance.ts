import type { PostFeatures } from '../measure/features.js';

/**
 * Concrete lessons from measured posts: what the top third shares that the bottom third lacks.
 * The statistics come from the data; the wording is a fixed template per rule so every line is
 * reproducible and explainable (an LLM may rephrase later without changing the numbers).
 */
/** Lessons about timing (`time:…`) steer the optimizer and the owner, not the prompt. */
export const isPromptRule = (ruleKey: string): boolean => !ruleKey.startsWith('time:');

/** The rule keys in force (active or pinned, prompt rules): the structure planner reads them. */
export const activeRuleKeys = (lines: readonly { ruleKey: string; status: string; forPrompt: boolean }[]): string[] =>
  lines.filter((x) => (x.status === 'active' || x.status === 'pinned') && x.forPrompt).map((x) => x.ruleKey);

export interface DerivedRule {
  ruleKey: string;
  textFr: string;
  textEn: string;
  evidence: {
    feature: string;
    top: number;
    bottom: number;
    nTop: number;
    nBottom: number;
    /** Mean rate of posts with the trait ÷ without, minus 1 (null when one side is empty). */
    lift: number | null;
  };
}

export const MIN_GUIDANCE_POSTS = 6;

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const avg = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
const pct = (x: number) => `${Math.round(x * 100)} %`;

const liftOf = (rows: { f: PostFeatures; rate: number }[], has: (f: PostFeatures) => boolean): number | null => {
  const yes = rows.filter((r) => has(r.f)).map((r) => r.rate);
  const no = rows.filter((r) => !has(r.f)).map((r) => r.rate);
  if (!yes.length || !no.length || avg(no) === 0) return null;
  return avg(yes) / avg(no) - 1;
};

export const deriveGuidance = (observations: { features: PostFeatures; rate: number }[]): DerivedRule[] => {
  if (observations.length < MIN_GUIDANCE_POSTS) return [];
  const rows = [...observations].map((o) => ({ f: o.features, rate: o.rate })).sort((a, b) => b.rate - a.rate);
  const third = Math.max(2, Math.floor(rows.length / 3));
  const top = rows.slice(0, third);
  const bottom = rows.slice(-third);
  if (avg(top.map((r) => r.rate)) <= avg(bottom.map((r) => r.rate))) return [];
  const rules: DerivedRule[] = [];
  const base = { nTop: top.length, nBottom: bottom.length };

  const share = (set: typeof rows, has: (f: PostFeatures) => boolean) =>
    set.filter((r) => has(r.f)).length / set.length;
  const binary = (
    feature: string,
    has: (f: PostFeatures) => boolean,
    plus: [string, string],
    minus: [string, string],
  ) => {
    const t = share(top, has);
    const b = share(bottom, has);
    if (Math.abs(t - b) < 0.3) return;
    const positive = t > b;
    const [fr, en] = positive ? plus : minus;
    const detailFr = ` (${pct(t)} des meilleures publications contre ${pct(b)} des moins bonnes)`;
    const detailEn = ` (${pct(t)} of top posts vs ${pct(b)} of bottom posts)`;
    rules.push({
      ruleKey: `${feature}:${positive ? 'yes' : 'no'}`,
      textFr: fr + detailFr,
      textEn: en + detailEn,
      evidence: { feature, top: t, bottom: b, ...base, lift: liftOf(rows, has) },
    });
  };

  binary(
    'question_end',
    (f) => f.questionEnd,
    ['Terminez par une question ouverte adressée au lecteur', 'End with an open question to the reader'],
    [
      'Ne terminez pas par une question; concluez par un appel à l’action clair',
      'Do not end with a question; close with a clear call to action',
    ],
  );
  binary(
    'number',
    (f) => f.hasNumber,
    [
      'Incluez au moins un chiffre concret (pourcentage, nombre d’appels, délai)',
      'Include at least one concrete figure (percentage, number of calls, delay)',
    ],
    ['Évitez d’empiler les chiffres; privilégiez une idée simple', 'Avoid piling up figures; favour one simple idea'],
  );
  binary(
    'story',
    (f) => f.story,
    [
      'Racontez une courte histoire vécue (un client, une situation précise)',
      'Tell a short real story (a client, a specific situation)',
    ],
    ['Allez droit au but plutôt que de raconter une histoire', 'Get straight to the point rather than telling a story'],
  );

  // Structure traits the writers vary on purpose (src/domain/structure.ts), so they can be learned.
  binary(
    'no_hashtags',
    (f) => f.hashtags === 0,
    ['N’ajoutez aucun mot-clic', 'Use no hashtags'],
    ['Ajoutez un ou deux mots-clics de la marque, à la fin', 'Add one or two of the brand’s hashtags at the end'],
  );
  binary(
    'opening_question',
    (f) => f.opening === 'question',
    ['Ouvrez par une question précise', 'Open with a precise question'],
    [
      'N’ouvrez pas par une question; commencez par un fait ou une scène',
      'Do not open with a question; start with a fact or a scene',
    ],
  );
  binary(
    'opening_number',
    (f) => f.opening === 'number',
    ['Ouvrez sur un chiffre concret', 'Open with a concrete figure'],
    ['Gardez les chiffres pour plus loin dans le texte', 'Keep the figures for later in the post'],
  );

  const lenTop = median(top.map((r) => r.f.length));
  const lenBottom = median(bottom.map((r) => r.f.length));
  if (lenBottom > 0 && Math.abs(lenTop - lenBottom) / lenBottom >= 0.2) {
    const shorter = lenTop < lenBottom;
    const limit = Math.round(lenTop / 50) * 50;
    rules.push({
      ruleKey: `length:${shorter ? 'short' : 'long'}`,
      textFr: shorter
        ? `Restez sous environ ${limit} caractères (médiane des meilleures : ${Math.round(lenTop)}, des moins bonnes : ${Math.round(lenBottom)})`
        : `Développez davantage : visez environ ${limit} caractères (médiane des meilleures : ${Math.round(lenTop)}, des moins bonnes : ${Math.round(lenBottom)})`,
      textEn: shorter
        ? `Stay under about ${limit} characters (top median ${Math.round(lenTop)}, bottom median ${Math.round(lenBottom)})`
        : `Go deeper: aim for about ${limit} characters (top median ${Math.round(lenTop)}, bottom median ${Math.round(lenBottom)})`,
      evidence: { feature: 'length', top: lenTop, bottom: lenBottom, ...base, lift: null },
    });
  }

  const emoTop = avg(top.map((r) => r.f.emojis));
  const emoBottom = avg(bottom.map((r) => r.f.emojis));
  if (Math.abs(emoTop - emoBottom) >= 0.75) {
    const fewer = emoTop < emoBottom;
    const n = Math.round(emoTop);
    rules.push({
      ruleKey: `emojis:${fewer ? 'fewer' : 'more'}`,
      textFr: fewer
        ? `Limitez-vous à ${n === 0 ? 'aucun émoji' : `${n} émoji${n > 1 ? 's' : ''} au plus`} (moyenne ${emoTop.toFixed(1)} chez les meilleures contre ${emoBottom.toFixed(1)})`
        : `Utilisez environ ${n} émoji${n > 1 ? 's' : ''} (moyenne ${emoTop.toFixed(1)} chez les meilleures contre ${emoBottom.toFixed(1)})`,
      textEn: fewer
        ? `Use ${n === 0 ? 'no emoji' : `at most ${n} emoji${n > 1 ? 's' : ''}`} (top posts average ${emoTop.toFixed(1)} vs ${emoBottom.toFixed(1)})`
        : `Use about ${n} emoji${n > 1 ? 's' : ''} (top posts average ${emoTop.toFixed(1)} vs ${emoBottom.toFixed(1)})`,
      evidence: { feature: 'emojis', top: emoTop, bottom: emoBottom, ...base, lift: null },
    });
  }

  const hoursTop = top.map((r) => r.f.hour).filter((h): h is number => h !== null);
  const hoursBottom = bottom.map((r) => r.f.hour).filter((h): h is number => h !== null);
  if (hoursTop.length && hoursBottom.length) {
    const hTop = avg(hoursTop);
    const hBottom = avg(hoursBottom);
    if (Math.abs(hTop - hBottom) >= 1) {
      const hour = Math.round(hTop);
      rules.push({
        ruleKey: `time:${hour}h`,
        textFr: `Les meilleures publications sortent vers ${hour} h (moyenne ${hTop.toFixed(1)} h contre ${hBottom.toFixed(1)} h)`,
        textEn: `Top posts go out around ${hour}:00 (average ${hTop.toFixed(1)} h vs ${hBottom.toFixed(1)} h)`,
        evidence: { feature: 'hour', top: hTop, bottom: hBottom, ...base, lift: null },
      });
    }
  }
  return rules;
};
