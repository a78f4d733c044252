import { signedMediaUrl, signingKey } from '../approval/links.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import type { MediaUrl } from '../publish/media-url.js';

/**
 * The review page server's signed, expiring media route (`/m/<token>.jpg`, issue 16) as the
 * public image URL Instagram fetches, when the page is published (`approval.publicUrl`) and the
 * signing secret exists. Undefined otherwise (Supabase Storage or `instagram.mediaBaseUrl` then).
 */
export const pageServerMediaUrl = (deps: ServiceDeps): MediaUrl | undefined => {
  const publicUrl = deps.config.approval.publicUrl;
  if (!publicUrl) return undefined;
  let key: Buffer;
  try {
    key = signingKey(deps.env);
  } catch {
    return undefined;
  }
  const ttlMs = deps.config.instagram.mediaUrlTtlSeconds * 1000;
  return async (image) =>
    signedMediaUrl(key, {
      publicUrl,
      sha256: image.sha256,
      ext: 'jpg',
      expiresAt: new Date(deps.clock.now().getTime() + ttlMs),
    });
};
