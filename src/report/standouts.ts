import { l, type Localized } from '../i18n/localized.js';
import type { PostFact } from '../measure/facts.js';
import type { ReferenceStats } from '../store/facts-repo.js';
import { shortId } from '../store/ids.js';
import { lengthReason, lowReach, postProfile, timesAverage } from './report-messages.js';
import type { Standout } from './report-types.js';
import { TARGETS } from './targets.js';

/** What a best or worst post is compared with: the measured posts of the 12 trend weeks. */
export type Reference = ReferenceStats;

/** The same figures as the SQL ones (referenceStats), from facts in memory. */
export const referenceOf = (facts: PostFact[]): Reference => {
  const measured = facts.filter((f) => f.rate !== null);
  const lengths = measured.map((f) => f.features.length).sort((a, b) => a - b);
  return {
    measured: measured.length,
    rateSum: measured.reduce((s, f) => s + f.rate!, 0),
    questionEnd: measured.filter((f) => f.features.questionEnd).length,
    hasNumber: measured.filter((f) => f.features.hasNumber).length,
    story: measured.filter((f) => f.features.story).length,
    medianLength: lengths[Math.floor(lengths.length / 2)] ?? 0,
  };
};

const excerpt = (text: string | undefined) => {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 220 ? `${flat.slice(0, 217)}…` : flat;
};

const reasonsFor = (f: PostFact, ref: Reference, best: boolean): Localized[] => {
  const mean = ref.rateSum / (ref.measured || 1);
  const reasons: Localized[] = [];
  if (mean > 0) {
    const ratio = f.rate! / mean;
    reasons.push(timesAverage(ratio, mean));
  }
  const tf = f.features;
  const share = (n: number) => n / (ref.measured || 1);
  const medLen = ref.medianLength;
  if (tf.questionEnd && share(ref.questionEnd) < 0.6)
    reasons.push(l('ends with a question', 'se termine par une question'));
  if (!tf.questionEnd && share(ref.questionEnd) >= 0.5)
    reasons.push(l('does not end with a question', 'ne se termine pas par une question'));
  if (tf.hasNumber && share(ref.hasNumber) < 0.6)
    reasons.push(l('gives a concrete figure', 'donne un chiffre concret'));
  if (tf.story && share(ref.story) < 0.6) reasons.push(l('tells a story', 'raconte une histoire'));
  if (medLen && Math.abs(tf.length - medLen) / medLen > 0.3) {
    reasons.push(lengthReason(tf.length, medLen));
  }
  if (tf.emojis >= 3) reasons.push(l(`${tf.emojis} emojis`, `${tf.emojis} émojis`));
  reasons.push(postProfile(f.contentType, f.style, f.weekday, f.hour));
  if (!best && f.uniqueViewers !== null && f.uniqueViewers < TARGETS.uniqueViewersPerPost / 2) {
    reasons.push(lowReach(f.uniqueViewers));
  }
  return reasons;
};

export const standout = (f: PostFact, text: string | undefined, ref: Reference, best: boolean): Standout => ({
  postId: f.id,
  shortId: shortId(f.id),
  contentType: f.contentType,
  style: f.style,
  publishedAt: f.publishedAt,
  rate: f.rate!,
  uniqueViewers: f.uniqueViewers,
  excerpt: excerpt(text),
  reasons: reasonsFor(f, ref, best),
});
