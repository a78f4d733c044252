import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeOriginal } from '../../src/images/image-source.js';
import { sha256 } from '../../src/images/media-store.js';
import { syntheticPhoto } from '../helpers/images.js';

let media: string;
beforeEach(() => {
  media = mkdtempSync(join(tmpdir(), 'autoscale-originals-'));
});
afterEach(() => rmSync(media, { recursive: true, force: true }));

const answer = (bytes: Buffer) => ({ bytes, model: 'gpt-image-2', costUsd: 0.04, latencyMs: 1 });

describe('storeOriginal (a paid picture kept as it was answered)', () => {
  it('names the file by the format its bytes announce, and says whether sharp can read it', async () => {
    const cases: [Buffer, string, boolean][] = [
      [await syntheticPhoto(320, 200, 'jpeg'), 'jpg', true],
      [await syntheticPhoto(320, 200, 'png'), 'png', true],
      // A JPEG's signature on bytes that are not one: kept under its name as evidence, unusable.
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a picture')]), 'jpg', false],
      [Buffer.from('this is not an image at all'), 'bin', false],
    ];
    for (const [bytes, ext, decodable] of cases) {
      const stored = await storeOriginal(media, answer(bytes));
      expect(stored).toMatchObject({
        originalSha256: sha256(bytes),
        originalPath: `originals/${sha256(bytes)}.${ext}`,
        bytes: bytes.length,
        decodable,
      });
      expect(readFileSync(join(media, stored.originalPath)).equals(bytes)).toBe(true);
    }
  });
});
