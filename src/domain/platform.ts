/**
 * The platforms a brand can publish to. Facebook is the original target; Instagram and LinkedIn
 * are published from the same approved post, each with its own adapted text and image.
 */
export const PLATFORMS = ['facebook', 'instagram', 'linkedin'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const isPlatform = (value: string): value is Platform => (PLATFORMS as readonly string[]).includes(value);

/** Display names (the same in both languages). */
export const PLATFORM_LABEL: Record<Platform, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
};
