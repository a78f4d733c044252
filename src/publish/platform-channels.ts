import type { ServiceDeps } from '../deps/service-deps.js';
import type { AutoscaleError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import type { ChannelPublisher } from '../platforms/channel.js';
import { instagramChannel } from '../platforms/instagram/channel.js';
import {
  instagramClientFor,
  instagramCredentials,
  resolveInstagramUserId,
} from '../platforms/instagram/credentials.js';
import { linkedinChannel } from '../platforms/linkedin/channel.js';
import { linkedinClientFor, linkedinCredentials, linkedinTokensFor } from '../platforms/linkedin/credentials.js';
import { mediaUrlFor, type MediaUrl } from './media-url.js';

export type OpenedChannel =
  | { ok: true; channel: ChannelPublisher }
  | { ok: false; reason: Localized; missing: string[]; error?: AutoscaleError | undefined };

const source = (deps: ServiceDeps) => ({
  env: deps.env,
  config: deps.config,
  brandSlug: deps.brandSlug,
  brand: deps.brand,
  home: deps.paths.root,
});

/**
 * The brand's Instagram or LinkedIn publisher, or why there is none (missing credentials, no
 * public image URL for Instagram, no Instagram account linked to the Page). Without one, the
 * platform's posts wait: nothing is sent and `status` says what to set up.
 */
export const openChannel = async (
  deps: ServiceDeps,
  platform: 'instagram' | 'linkedin',
  extra: { mediaUrl?: MediaUrl | undefined } = {},
): Promise<OpenedChannel> => {
  const src = source(deps);
  if (platform === 'instagram') {
    const found = instagramCredentials(src);
    if (!found.ok)
      return {
        ok: false,
        missing: found.missing,
        reason: l(
          `Instagram is not set up: ${found.missing.join(' and ')} missing (it uses the Facebook Page token).`,
          `Instagram n’est pas configuré : ${found.missing.join(' et ')} manquant (il utilise le jeton de la Page Facebook).`,
        ),
      };
    const media = mediaUrlFor(deps, extra.mediaUrl);
    if (!media.ok)
      return { ok: false, missing: ['instagram.mediaBaseUrl'], reason: media.error.localized, error: media.error };
    const client = instagramClientFor(src, found.credentials);
    let igUserId: string;
    try {
      igUserId = await resolveInstagramUserId(client, found.credentials);
    } catch (error) {
      client.close();
      const e = error as AutoscaleError;
      return {
        ok: false,
        missing: ['INSTAGRAM_USER_ID'],
        reason: e.localized ?? l(String(error), String(error)),
        error: e,
      };
    }
    const ig = deps.config.instagram;
    return {
      ok: true,
      channel: instagramChannel(client, igUserId, {
        settleMs: ig.settleMs,
        maxAttempts: ig.maxAttempts,
        flow: { pollMs: ig.containerPollMs, containerTimeoutMs: ig.containerTimeoutMs },
        imageUrl: media.url,
      }),
    };
  }
  const found = linkedinCredentials(src);
  if (!found.ok)
    return {
      ok: false,
      missing: found.missing,
      reason: l(
        `LinkedIn is not set up: ${found.missing.join(' and ')} missing.`,
        `LinkedIn n’est pas configuré : ${found.missing.join(' et ')} manquant.`,
      ),
    };
  const tokens = linkedinTokensFor(src, found.credentials);
  const client = linkedinClientFor(src, found.credentials, tokens);
  const li = deps.config.linkedin;
  return {
    ok: true,
    channel: linkedinChannel(client, {
      organizationUrn: found.credentials.organizationUrn,
      organizationId: found.credentials.organizationId,
      settleMs: li.settleMs,
      maxAttempts: li.maxAttempts,
      image: { pollMs: li.imagePollMs, timeoutMs: li.imageTimeoutMs },
    }),
  };
};
