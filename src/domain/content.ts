export const CONTENT_TYPES = [
  'case_study',
  'tip',
  'faq',
  'myth_busting',
  'behind_the_scenes',
  'testimonial',
  'industry_news',
  'announcement',
  'poll',
] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

export const STYLES = ['professional', 'storytelling', 'question'] as const;
export type Style = (typeof STYLES)[number];

export const isContentType = (value: string): value is ContentType =>
  (CONTENT_TYPES as readonly string[]).includes(value);

export const isStyle = (value: string): value is Style => (STYLES as readonly string[]).includes(value);

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
