import sharp from 'sharp';
import { DEFAULT_PRICES } from '../../src/config/schema.js';
import { createOpenAIImageProvider } from '../../src/providers/openai-image.js';
import { FAKE_OPENAI_KEY } from '../fakes/openai-images-fake.js';

/**
 * A synthetic photo-like picture (sky, wall, desk, a figure, blurred like a shallow depth of
 * field) standing in for a provider answer: deterministic, no network, no binary fixtures.
 */
export const syntheticPhoto = async (width = 1536, height = 1024, format: 'png' | 'jpeg' = 'png'): Promise<Buffer> => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 1536 1024">
<defs>
<linearGradient id="wall" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#dfe9f3"/><stop offset="1" stop-color="#f3ede4"/></linearGradient>
<linearGradient id="desk" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#a9825f"/><stop offset="1" stop-color="#6f4f36"/></linearGradient>
<radialGradient id="lamp" cx="0.8" cy="0.15" r="0.5"><stop offset="0" stop-color="#fff6dc" stop-opacity="0.9"/><stop offset="1" stop-color="#fff6dc" stop-opacity="0"/></radialGradient>
</defs>
<rect width="1536" height="1024" fill="url(#wall)"/>
<rect x="80" y="90" width="520" height="380" fill="#9cc3e6"/><rect x="80" y="90" width="520" height="380" fill="none" stroke="#ffffff" stroke-width="18"/>
<rect x="330" y="90" width="18" height="380" fill="#ffffff"/>
<rect width="1536" height="1024" fill="url(#lamp)"/>
<ellipse cx="1080" cy="330" rx="96" ry="112" fill="#d9a98a"/>
<path d="M 900 720 Q 910 470 1080 460 Q 1250 470 1260 720 Z" fill="#27507a"/>
<rect x="0" y="690" width="1536" height="334" fill="url(#desk)"/>
<rect x="1180" y="610" width="120" height="90" rx="12" fill="#1d2630"/>
<rect x="700" y="640" width="260" height="40" rx="6" fill="#f0f0f0"/>
<circle cx="420" cy="640" r="46" fill="#3d7a4e"/><rect x="405" y="640" width="30" height="60" fill="#7a5a3c"/>
</svg>`;
  const img = sharp(Buffer.from(svg)).resize(width, height).blur(4);
  return format === 'png'
    ? img.png().toBuffer()
    : img
        .jpeg({ quality: 88 })
        .withMetadata({ exif: { IFD0: { Copyright: 'Test Camera GPS' } } })
        .toBuffer();
};

/** The real OpenAI image provider pointed at the loopback fake, with short backoffs. */
export const fakeOpenAIImageProvider = (baseURL: string, retries = 0) =>
  createOpenAIImageProvider({
    apiKey: FAKE_OPENAI_KEY,
    baseURL,
    model: 'gpt-image-2',
    timeoutMs: 2000,
    prices: structuredClone(DEFAULT_PRICES.image),
    backoff: { retries, minTimeoutMs: 5, maxTimeoutMs: 10 },
  });
