import type { BrandProfile } from '../config/schema.js';

const SUBJECTS: Record<string, string> = {
  case_study: 'the owner or staff of a Quebec small business at work, relieved and in control, phone nearby',
  tip: 'a Quebec small-business owner handling customer calls calmly at the front desk',
  faq: 'a friendly small-business front desk in Quebec with a smartphone and an appointment book',
  myth_busting: 'a modern small-business office in Quebec, a phone on the counter, clear and calm atmosphere',
  behind_the_scenes: 'a small, modern tech team in a bright Montreal office working together',
  testimonial: 'a smiling Quebec small-business owner in their own shop or clinic',
  industry_news: 'a Quebec main street with small businesses, early evening light',
  announcement: 'a bright modern workspace with a smartphone showing an incoming call, no readable screen',
  poll: 'a team of small-business owners in Quebec discussing around a table',
};

/** Text the picture could accidentally draw: hashtags, emoji, URLs, quotes. */
const plain = (s: string) =>
  s
    .replace(/https?:\/\/\S+|#\S+|\p{Extended_Pictographic}|\u200d|\ufe0f/gu, ' ')
    .replace(/[«»"“”]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The image prompt: brand look (colours, modern Quebec corporate style), a subject from the
 * content type and the variant, room on the left for the headline, and no text in the picture
 * (the headline is set by our own layout engine, with correct accents).
 */
export const buildImagePrompt = (
  profile: BrandProfile,
  v: { contentType: string; headline: string; text: string } | { contentType: string; topic: string | null },
): string => {
  const c = profile.colours;
  // Before the text exists (the picture is made alongside the writing), the subject comes from
  // the request: the content type's scene and the topic, if any.
  const about =
    'headline' in v
      ? `${plain(v.headline)}. ${
          plain(v.text)
            .split(/(?<=[.!?])\s/)[0]
            ?.slice(0, 220) ?? ''
        }`
      : v.topic
        ? `${plain(v.topic)}.`
        : `${profile.product}.`;
  return [
    `Editorial photograph for a Facebook post by ${profile.company} (${profile.product}).`,
    `Scene: ${SUBJECTS[v.contentType] ?? SUBJECTS.tip ?? ''}. The post is about: ${about}`,
    `Audience: ${profile.audience}.`,
    `Style: modern Quebec corporate look, authentic people and places (not stock-photo clichés), natural light, shallow depth of field,`,
    `palette echoing the brand colours ${c.primary} (deep blue), ${c.secondary} (sky blue) and touches of ${c.accent} (amber).`,
    'Composition: landscape, main subject in the right two-thirds, calm uncluttered left third where a headline will be added later.',
    'No text in the picture: no letters, words, numbers, logos, signage, captions or watermarks; screens show nothing readable.',
  ].join(' ');
};
