import type { BrandProfile } from '../config/schema.js';
import type { RecentPost } from '../providers/types.js';

// What a variant is written with, besides the prompts: the brand's recent posts (their hooks and
// cases, so weeks do not repeat).

/** The opening sentence of a post: what a reader sees before "See more". */
export const hookOf = (text: string): string =>
  (/^[\s\S]*?(?:[.?!…](?=\s|$)|\n|$)/u.exec(text.trim())?.[0] ?? text).trim();

/** Recent posts as the writer must see them: their hooks, and the case study each one told. */
export const recentPosts = (past: { text: string }[], profile: BrandProfile, limit = 8): RecentPost[] =>
  past.slice(0, limit).map(({ text }) => {
    const lower = text.toLowerCase();
    const told = profile.caseStudies.find(
      (c) =>
        (c.city && lower.includes(c.city.toLowerCase()) && lower.includes(c.industry.toLowerCase())) ||
        lower.includes(c.title.toLowerCase()),
    );
    return { hook: hookOf(text), caseTitle: told?.title };
  });
