import { describe, expect, it } from 'vitest';
import {
  adaptForInstagram,
  adaptForLinkedin,
  adaptText,
  checkPlatformText,
  splitTrailingHashtags,
} from '../../src/content/platform-text.js';

const base = {
  language: 'fr-CA' as const,
  brandHashtags: ['#PMEQuébec', '#ServiceClient', '#Entrepreneuriat'],
  website: 'autoscale.ai',
};

const TEXT =
  'Un garage de Sherbrooke perdait 30 appels par semaine 😩!! Voyez comment sur https://autoscale.ai/cas/garage avant le printemps.\n\nQuestion : combien d’appels manquez-vous?\n\n#Garage #Service-Client';

describe('per-platform text', () => {
  it('Facebook is unchanged', () => {
    expect(adaptText('facebook', { ...base, text: TEXT })).toBe(TEXT);
  });

  it('Instagram: no link, the call to action says where to go, hashtags at the end within 30', () => {
    const out = adaptForInstagram({ ...base, text: TEXT });
    expect(out).not.toMatch(/https?:|autoscale\.ai\/cas/);
    expect(out).toContain('lien dans notre bio (autoscale.ai)');
    const { body, tags } = splitTrailingHashtags(out);
    expect(tags).toEqual(['#Garage', '#ServiceClient', '#PMEQuébec', '#Entrepreneuriat']);
    expect(body).not.toContain('#');
    expect(checkPlatformText('instagram', out)).toBeUndefined();
    const many = adaptForInstagram({
      ...base,
      text: `Texte.\n\n${Array.from({ length: 40 }, (_, i) => `#tag${i}a`).join(' ')}`,
    });
    expect(many.match(/#/g)).toHaveLength(30);
  });

  it('Instagram keeps the hashtags and shortens the body at a sentence under 2,200 characters', () => {
    const long = `${'Une phrase assez longue pour remplir la légende. '.repeat(80)}\n\n#Un #Deux`;
    const out = adaptForInstagram({ ...base, text: long });
    expect([...out].length).toBeLessThanOrEqual(2200);
    expect(out.endsWith('#Un #Deux #PMEQuébec #ServiceClient #Entrepreneuriat')).toBe(true);
    expect(splitTrailingHashtags(out).body.endsWith('.')).toBe(true);
  });

  it('LinkedIn: professional register, hashtags as LinkedIn links them, at most 3, within 3,000', () => {
    const out = adaptForLinkedin({ ...base, text: TEXT });
    expect(out).not.toMatch(/😩|!!/);
    expect(out).toContain('https://autoscale.ai/cas/garage');
    expect(splitTrailingHashtags(out).tags).toEqual(['#Garage', '#ServiceClient', '#PMEQuébec']);
    const long = adaptForLinkedin({ ...base, text: 'Mot '.repeat(1000) });
    expect([...long].length).toBeLessThanOrEqual(3000);
    expect(checkPlatformText('linkedin', 'x'.repeat(3001))).toMatchObject({ problem: 'too_long', limit: 3000 });
    expect(checkPlatformText('instagram', 'Voir https://a.ca')).toMatchObject({ problem: 'link_in_caption' });
  });
});
