import { cardBackgroundSvg } from './layout.js';
import type { ImageProvider, ImageRequest, ImageResult } from '../providers/types.js';

/**
 * The no-key default: a branded background (gradient, dot grid and a sound-wave motif in the
 * brand colours) that the layout engine sets the logo and headline on. Free, deterministic.
 */
export const createOfflineImageProvider = (): ImageProvider => ({
  id: 'offline',
  model: 'branded-card-v1',
  offline: true,
  look: 'card',
  async generate(request: ImageRequest): Promise<ImageResult> {
    const started = performance.now();
    const { default: sharp } = await import('sharp');
    const bytes = await sharp(Buffer.from(cardBackgroundSvg(request.brand.profile, request.seed)))
      .png()
      .toBuffer();
    return { bytes, model: 'branded-card-v1', costUsd: 0, latencyMs: performance.now() - started };
  },
});
