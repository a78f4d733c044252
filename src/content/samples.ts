import { isSample } from '../config/brand-schema.js';
import { ConfigError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { SAMPLE_CASE_STUDIES } from '../config/defaults.js';
import type { BrandProfile, CaseStudy } from '../config/schema.js';

/** A sample client story a post cites, and where it sits in the brand's profile (if it does). */
export interface SampleCitation {
  title: string;
  result: string;
  /** Index in `profile.caseStudies` when the brand still lists it (marked as a sample). */
  index: number | null;
}

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .toLowerCase();

const sameCase = (a: CaseStudy, b: CaseStudy) => fold(a.title) === fold(b.title) && fold(a.result) === fold(b.result);

/** The result's figures with the word they count ("27 appels", "22 %", "40 rendez-vous"). */
const figuresOf = (s: string): RegExp[] =>
  [...fold(s).matchAll(/(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(%|[a-z][a-z-]*)/g)].map(
    (m) =>
      new RegExp(
        `(?<![\\d.,])${m[1]!.replace(/[.,]/g, '[.,]')}\\s*${m[2] === '%' ? '%' : m[2]!.replace(/-/g, '[- ]')}`,
      ),
  );

/**
 * Whether a text cites a client story: one of its figures with the word it counts ("27 appels")
 * together with where or who it was (city, industry or title); for a story without figures, its
 * result sentence. Writers paraphrase, so the exact sentence is not required; a bare number or a
 * city alone is not enough.
 */
export const citesCase = (text: string, c: CaseStudy): boolean => {
  const t = fold(text);
  const figures = figuresOf(c.result);
  if (figures.length === 0)
    return t.includes(
      fold(c.result)
        .replace(/[.!]+$/, '')
        .slice(0, 60),
    );
  const anchored = [c.city, c.industry, c.title].some((a) => a && t.includes(fold(a)));
  return anchored && figures.some((f) => f.test(t));
};

/**
 * The sample stories a post cites: the brand's case studies still marked `sample`, and the
 * stories shipped with autoscale unless the brand lists that very story without the mark
 * (confirmed by the owner). A story replaced in the profile is still caught in older drafts.
 */
export const sampleCasesCited = (text: string, profile: BrandProfile): SampleCitation[] => {
  const found: SampleCitation[] = [];
  profile.caseStudies.forEach((c, index) => {
    if (isSample(c) && citesCase(text, c)) found.push({ title: c.title, result: c.result, index });
  });
  for (const shipped of SAMPLE_CASE_STUDIES) {
    const listed = profile.caseStudies.find((c) => sameCase(c, shipped));
    if (listed && !isSample(listed)) continue;
    if (found.some((f) => f.title === shipped.title)) continue;
    if (citesCase(text, shipped)) found.push({ title: shipped.title, result: shipped.result, index: null });
  }
  return found;
};

/**
 * Refuses a text that cites a sample story: it would present an invented client as real. The fix
 * names the two ways out: replace the story (and rewrite the post), or confirm it is true.
 */
export const assertNoSampleCase = (text: string, profile: BrandProfile, postRef: string): void => {
  const cited = sampleCasesCited(text, profile);
  const first = cited[0];
  if (!first) return;
  const confirm =
    first.index === null ? null : `\`autoscale config set brand.profile.caseStudies.${first.index}.sample false\``;
  throw new ConfigError(
    l(
      `Post ${postRef} cites “${first.title}” (${first.result.replace(/[.\s]+$/, '')}), a sample case study shipped with autoscale, not a real client.`,
      `La publication ${postRef} cite «\u00a0${first.title}\u00a0» (${first.result.replace(/[.\s]+$/, '')}), une étude de cas d’exemple fournie avec autoscale, pas un vrai client.`,
    ),
    {
      code: 'sample_case_cited',
      fix: confirm
        ? l(
            `Replace it with a real case (\`autoscale init\`, or config.json) and edit the post, or, if it is true, confirm it: ${confirm}`,
            `Remplacez-la par un vrai cas (\`autoscale init\`, ou config.json) et modifiez la publication, ou, si elle est vraie, confirmez-la\u00a0: ${confirm}`,
          )
        : l(
            `Edit the post so it cites one of your real case studies: \`autoscale edit ${postRef} --variant <n>\``,
            `Modifiez la publication pour qu’elle cite une de vos vraies études de cas\u00a0: \`autoscale edit ${postRef} --variant <n>\``,
          ),
    },
  );
};
