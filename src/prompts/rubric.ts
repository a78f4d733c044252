/**
 * The judge's rubric, in the order the judge answers it. Weights sum to 1 and give the judge
 * score; the anchors (what a 95, a 70 and a 40 look like) live in prompts/judge.md.
 */
export const RUBRIC = [
  { id: 'naturalness', weight: 0.25, en: 'natural, human tone; no AI clichés', fr: 'ton naturel et humain; aucun cliché d’IA' },
  {
    id: 'specificity',
    weight: 0.2,
    en: 'specific, with concrete numbers from the facts given',
    fr: 'précis, avec des chiffres concrets tirés des faits fournis',
  },
  {
    id: 'quebec_french',
    weight: 0.2,
    en: 'authentic Quebec French (vocabulary, OQLF typography)',
    fr: 'français québécois authentique (vocabulaire, typographie OQLF)',
  },
  { id: 'hook', weight: 0.15, en: 'the first line stops the scroll', fr: 'la première ligne arrête le défilement' },
  {
    id: 'call_to_action',
    weight: 0.1,
    en: 'a precise call to action or open question',
    fr: 'un appel à l’action précis ou une question ouverte',
  },
  {
    id: 'facebook_compliance',
    weight: 0.1,
    en: 'Facebook compliance: no engagement bait, no guaranteed results',
    fr: 'conformité Facebook : pas d’appât à l’engagement, pas de résultat garanti',
  },
] as const;

export type CriterionId = (typeof RUBRIC)[number]['id'];
