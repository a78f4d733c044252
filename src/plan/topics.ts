import type { BrandProfile } from '../config/schema.js';
import type { ContentType } from '../domain/content.js';
import { factText } from '../config/brand-schema.js';

/** Angles per content type, in the brand's language: what the writer is asked to aim for. */
const ANGLES: Record<ContentType, { fr: string; en: string }> = {
  case_study: {
    fr: 'Le avant / après d’un client, avec un chiffre vérifiable',
    en: 'A customer’s before and after, with one verifiable figure',
  },
  testimonial: {
    fr: 'La parole d’un client, dans ses mots, sur ce qui a changé',
    en: 'A customer’s own words about what changed',
  },
  tip: {
    fr: 'Un conseil concret à appliquer cette semaine',
    en: 'One concrete tip to apply this week',
  },
  faq: {
    fr: 'La question que les propriétaires de PME posent le plus souvent',
    en: 'The question small-business owners ask most',
  },
  myth_busting: {
    fr: 'Une idée reçue sur l’accueil téléphonique, et ce qu’il en est vraiment',
    en: 'A common belief about phone reception, and the reality',
  },
  behind_the_scenes: {
    fr: 'Les coulisses : comment l’équipe prépare une mise en place',
    en: 'Behind the scenes: how the team prepares a setup',
  },
  industry_news: {
    fr: 'Une tendance du service à la clientèle et ce qu’elle change pour les PME',
    en: 'A customer-service trend and what it changes for small businesses',
  },
  announcement: {
    fr: 'Une nouveauté du produit, sobrement, avec son bénéfice concret',
    en: 'A product update, plainly, with its concrete benefit',
  },
  poll: {
    fr: 'Une question simple qui invite les lecteurs à répondre',
    en: 'A simple question that invites readers to answer',
  },
};

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : s);

/**
 * A topic from the brand profile for a day the optimizer or the mix chose: a case study for
 * case studies and testimonials, a fact for the rest (what the writer may cite truthfully).
 */
export const profileTopic = (
  type: ContentType,
  profile: Pick<BrandProfile, 'caseStudies' | 'facts' | 'language'>,
  random: () => number,
): { topic: string | null; angle: string } => {
  const lang = profile.language === 'en-CA' ? 'en' : 'fr';
  const angle = ANGLES[type][lang];
  if ((type === 'case_study' || type === 'testimonial') && profile.caseStudies.length) {
    const cs = profile.caseStudies[Math.floor(random() * profile.caseStudies.length)]!;
    return { topic: clip(cs.title, 120), angle: `${angle} (${cs.industry}${cs.city ? `, ${cs.city}` : ''})` };
  }
  if (type === 'announcement' || type === 'industry_news' || profile.facts.length === 0) return { topic: null, angle };
  const fact = factText(profile.facts[Math.floor(random() * profile.facts.length)]!);
  return { topic: clip(fact, 160), angle };
};
