import type { ServiceDeps } from '../deps/service-deps.js';
import { ConfigError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { blobPath } from '../sync/supabase-transport.js';

export type MediaUrl = (image: { data: Buffer; sha256: string; contentType: string }) => Promise<string>;

/**
 * Instagram fetches the image from a public URL at the moment the container is made. Where it
 * comes from, in order:
 *
 * 0. the review page server's signed, expiring media route, when `approval.publicUrl` is set
 *    (passed in by the daemon and the CLI, which may reach src/approval);
 * 1. Supabase Storage, when sync is set up with Supabase (SUPABASE_URL, SUPABASE_SERVICE_KEY):
 *    the JPEG is uploaded to the media bucket under its content address and a signed URL valid
 *    `instagram.mediaUrlTtlSeconds` is made;
 * 2. `instagram.mediaBaseUrl`: a folder you publish yourself that serves `<home>/media` (files
 *    named `<sha256>.jpg`);
 * 3. otherwise a configuration error naming what to set up.
 */
export const mediaUrlFor = (
  deps: ServiceDeps,
  pageServer?: MediaUrl,
): { ok: true; url: MediaUrl; via: string } | { ok: false; error: ConfigError } => {
  if (pageServer) return { ok: true, via: 'pageServer', url: pageServer };
  const supabaseUrl = deps.env.get('SUPABASE_URL');
  const serviceKey = deps.env.get('SUPABASE_SERVICE_KEY');
  const ttl = deps.config.instagram.mediaUrlTtlSeconds;
  if (supabaseUrl && serviceKey) {
    return {
      ok: true,
      via: 'supabase',
      url: async (image) => {
        const { createClient } = await import('@supabase/supabase-js');
        const client = createClient(supabaseUrl, serviceKey, {
          auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
        });
        const bucket = client.storage.from(deps.config.sync.bucket);
        const path = `${blobPath(image.sha256)}.jpg`;
        const uploaded = await bucket.upload(path, image.data, { contentType: image.contentType, upsert: true });
        if (uploaded.error) throw new Error(`Supabase Storage upload failed: ${uploaded.error.message}`);
        const signed = await bucket.createSignedUrl(path, ttl);
        if (signed.error || !signed.data?.signedUrl)
          throw new Error(`Supabase Storage could not sign the image URL: ${signed.error?.message ?? 'no URL'}`);
        return signed.data.signedUrl;
      },
    };
  }
  const base = deps.config.instagram.mediaBaseUrl;
  if (base)
    return { ok: true, via: 'mediaBaseUrl', url: async (image) => `${base.replace(/\/+$/, '')}/${image.sha256}.jpg` };
  return {
    ok: false,
    error: new ConfigError(
      l(
        'Instagram needs a public URL for each image, and none is configured.',
        'Instagram a besoin d’une adresse publique pour chaque image, et aucune n’est configurée.',
      ),
      {
        code: 'instagram_media_url',
        fix: l(
          'Publish the review page (`autoscale config set approval.publicUrl https://…`, signed media links), set up Supabase sync (SUPABASE_URL and SUPABASE_SERVICE_KEY), or serve <home>/media and set `instagram.mediaBaseUrl` (docs/PUBLISHING.md, "Public image URL").',
          'Publiez la page de révision (`autoscale config set approval.publicUrl https://…`, liens signés), configurez la synchro Supabase (SUPABASE_URL et SUPABASE_SERVICE_KEY), ou publiez <home>/media et réglez `instagram.mediaBaseUrl` (docs/PUBLISHING.md, « Adresse publique des images »).',
        ),
      },
    ),
  };
};
