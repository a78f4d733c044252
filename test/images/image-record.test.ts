import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFonts, parsedFonts } from '../../src/images/fonts.js';
import { composeAhead, type CroppedPhoto } from '../../src/images/image-record.js';
import { warmSharp } from '../../src/images/render.js';
import { autoscaleBrand } from '../../src/config/defaults.js';
import type { BrandProfile } from '../../src/config/schema.js';

const profile = autoscaleBrand().profile;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('composing ahead', () => {
  it('never throws into the writer’s turn: an unusable crop fails its own promise and writes nothing', async () => {
    // The fast path: fonts parsed and sharp loaded, so the composition starts in the caller's turn.
    await Promise.all([loadFonts(), warmSharp()]);
    expect(parsedFonts()).toBeDefined();
    const media = mkdtempSync(join(tmpdir(), 'autoscale-ahead-'));
    dirs.push(media);
    const bad = Buffer.alloc(12);
    const photo: CroppedPhoto = { sha256: 'x', bytes: bad, base: Promise.resolve(bad), ready: bad };
    expect(() => composeAhead(profile, media, photo, 'Une clinique rappelle ses patients')).not.toThrow();
    await expect(photo.composed!.get('Une clinique rappelle ses patients')!).rejects.toThrow();
    expect(readdirSync(media)).toEqual([]);

    // Whatever the layout itself throws stays in the promise too (here: a profile without colours).
    const broken = { ...profile, colours: undefined } as unknown as BrandProfile;
    expect(() => composeAhead(broken, media, photo, 'Un autre titre')).not.toThrow();
    await expect(photo.composed!.get('Un autre titre')!).rejects.toThrow(TypeError);
    expect(readdirSync(media)).toEqual([]);
  });
});
