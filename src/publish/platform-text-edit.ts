import { checkPlatformText } from '../content/platform-text.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { StateError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { recordAudit } from '../store/audit-repo.js';
import { shortId } from '../store/ids.js';
import { patchPlatformPost } from '../store/platform-posts-repo.js';
import { resolvePost } from '../store/post-lookup.js';
import { immediate } from '../store/tx.js';
import { ensurePlatformPosts, platformText } from './platform-plan.js';
import { brandPlatform } from '../config/platforms.js';

const LIMIT_TEXT = {
  too_long: (limit: number, actual: number) =>
    l(`is ${actual} characters long; the limit is ${limit}`, `fait ${actual} caractères; la limite est ${limit}`),
  too_many_hashtags: (limit: number, actual: number) =>
    l(`has ${actual} hashtags; the limit is ${limit}`, `a ${actual} mots-clics; la limite est ${limit}`),
  link_in_caption: () =>
    l(
      'contains a link, which Instagram does not make clickable',
      'contient un lien, qu’Instagram ne rend pas cliquable',
    ),
  empty: () => l('is empty', 'est vide'),
};

/**
 * A person's text for one platform (Instagram or LinkedIn) of an approved post, or `null` to
 * follow the approved text again. Allowed until the platform's first attempt; checked against
 * the platform's rules (length, hashtags, no link on Instagram) and written with an audit row.
 */
export const setPlatformText = async (
  deps: ServiceDeps,
  ref: string,
  platform: 'instagram' | 'linkedin',
  text: string | null,
): Promise<{ postId: string; platform: string; text: string; edited: boolean }> => {
  const post = await resolvePost(deps.db, ref);
  if (!brandPlatform(deps.brand, platform))
    throw new UsageError(l(`The brand does not publish to ${platform}.`, `La marque ne publie pas sur ${platform}.`), {
      code: 'platform_not_configured',
      fix: l(
        'Add it: `autoscale brand platforms facebook,instagram,linkedin`.',
        'Ajoutez-la : `autoscale brand platforms facebook,instagram,linkedin`.',
      ),
    });
  const rows = await ensurePlatformPosts(deps, post);
  const row = rows.find((r) => r.platform === platform);
  if (!row)
    throw new StateError(
      l(
        `Post ${shortId(post.id)} is ${post.state}: its ${platform} text follows the chosen variant once it is approved.`,
        `Le post ${shortId(post.id)} est ${post.state} : son texte ${platform} suit la variante choisie une fois approuvé.`,
      ),
      {
        code: 'platform_text_not_ready',
        fix: l(
          `Approve it first: \`autoscale approve ${shortId(post.id)}\`.`,
          `Approuvez-le d’abord : \`autoscale approve ${shortId(post.id)}\`.`,
        ),
      },
    );
  if (row.state !== 'scheduled' || row.attempts > 0)
    throw new StateError(
      l(
        `The ${platform} text of post ${shortId(post.id)} is frozen: it is ${row.state} there.`,
        `Le texte ${platform} du post ${shortId(post.id)} est figé : il y est ${row.state}.`,
      ),
      { code: 'platform_text_frozen' },
    );
  if (text !== null) {
    const problem = checkPlatformText(platform, text);
    if (problem)
      throw new UsageError(
        l(
          `The ${platform} text ${LIMIT_TEXT[problem.problem](problem.limit, problem.actual).en}.`,
          `Le texte ${platform} ${LIMIT_TEXT[problem.problem](problem.limit, problem.actual).fr}.`,
        ),
        {
          code: 'platform_text_invalid',
          fix: l('Shorten or fix it and try again.', 'Raccourcissez-le ou corrigez-le et réessayez.'),
        },
      );
  }
  await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    await patchPlatformPost(trx, w, row.id, { text });
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: post.id,
      action: `${platform}_text`,
      reason: text === null ? 'reset to the adapted text' : 'edited',
      data: { platform, length: text === null ? null : [...text].length },
    });
  });
  const current = (await platformText(deps, post, { platform, text })) ?? '';
  return { postId: post.id, platform, text: current, edited: text !== null };
};
