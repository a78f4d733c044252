import { stateLabel } from '../present/labels.js';
import { adaptText, checkPlatformText } from '../content/platform-text.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { StateError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { recordAudit } from '../store/audit-repo.js';
import { shortId } from '../store/ids.js';
import { patchPlatformPost } from '../store/platform-posts-repo.js';
import { putVariantPlatformText } from '../store/platform-texts-repo.js';
import { resolvePost, variantByIndex } from '../store/post-lookup.js';
import { variantsForPost } from '../store/variants-repo.js';
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

/** The platform's rules (length, hashtags, no link on Instagram): a usage error naming the rule. */
const assertPlatformText = (platform: 'instagram' | 'linkedin', text: string): void => {
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
};

const assertBrandPublishes = (deps: ServiceDeps, platform: 'instagram' | 'linkedin'): void => {
  if (!brandPlatform(deps.brand, platform))
    throw new UsageError(l(`The brand does not publish to ${platform}.`, `La marque ne publie pas sur ${platform}.`), {
      code: 'platform_not_configured',
      fix: l(
        'Add it: `autoscale brand platforms facebook,instagram,linkedin`.',
        'Ajoutez-la : `autoscale brand platforms facebook,instagram,linkedin`.',
      ),
    });
};

const BEFORE_APPROVAL = ['draft', 'in_review'];

/**
 * A person's text for one platform of one variant before approval (the review studio's platform
 * tabs, `edit --variant n --platform …`), or `null` to follow the variant's adapted text again.
 * Checked against the platform's rules and audited; approving that variant copies it into the
 * platform's row (src/publish/platform-plan.ts).
 */
export const setVariantPlatformText = async (
  deps: ServiceDeps,
  ref: string,
  variantIdx: number,
  platform: 'instagram' | 'linkedin',
  text: string | null,
): Promise<{ postId: string; platform: string; text: string; edited: boolean }> => {
  const post = await resolvePost(deps.db, ref);
  assertBrandPublishes(deps, platform);
  if (!BEFORE_APPROVAL.includes(post.state))
    throw new StateError(
      l(
        `Post ${shortId(post.id)} is ${post.state}: its variants' platform texts are settled.`,
        `La publication ${shortId(post.id)} est ${stateLabel(post.state, 'fr')} : les textes par plateforme de ses variantes sont fixés.`,
      ),
      {
        code: 'platform_text_frozen',
        fix: l(
          `Edit the approved post's text without --variant: \`autoscale edit ${shortId(post.id)} --platform ${platform}\`.`,
          `Modifiez le texte de la publication approuvée sans --variant : \`autoscale edit ${shortId(post.id)} --platform ${platform}\`.`,
        ),
      },
    );
  const variant = variantByIndex(await variantsForPost(deps.db, post.id), variantIdx, post.id);
  const own = text === null ? null : text.replace(/\r\n/g, '\n').trim();
  if (own !== null) assertPlatformText(platform, own);
  await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    const changed = await putVariantPlatformText(trx, w, {
      postId: post.id,
      variantId: variant.id,
      platform,
      text: own,
    });
    if (changed)
      await recordAudit(trx, w, {
        entity: 'post',
        entityId: post.id,
        action: `${platform}_text`,
        reason: own === null ? 'reset to the adapted text' : 'edited',
        data: { platform, variant: variant.idx, length: own === null ? null : [...own].length },
      });
  });
  const current =
    own ??
    adaptText(platform, {
      text: variant.text,
      language: deps.brand.profile.language,
      brandHashtags: deps.brand.profile.hashtags,
      website: deps.brand.profile.website,
    });
  return { postId: post.id, platform, text: current, edited: own !== null };
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
  variant?: number,
): Promise<{ postId: string; platform: string; text: string; edited: boolean }> => {
  const post = await resolvePost(deps.db, ref);
  assertBrandPublishes(deps, platform);
  if (BEFORE_APPROVAL.includes(post.state) && variant !== undefined)
    return setVariantPlatformText(deps, post.id, variant, platform, text);
  const rows = await ensurePlatformPosts(deps, post);
  const row = rows.find((r) => r.platform === platform);
  if (!row)
    throw new StateError(
      l(
        `Post ${shortId(post.id)} is ${post.state}: its ${platform} text follows the chosen variant once it is approved.`,
        `La publication ${shortId(post.id)} est ${stateLabel(post.state, 'fr')} : son texte ${platform} suit la variante choisie une fois approuvée.`,
      ),
      {
        code: 'platform_text_not_ready',
        fix: BEFORE_APPROVAL.includes(post.state)
          ? l(
              `Before approval each variant has its own ${platform} text: add --variant <n>.`,
              `Avant l’approbation, chaque variante a son texte ${platform} : ajoutez --variant <n>.`,
            )
          : l(
              `Approve it first: \`autoscale approve ${shortId(post.id)}\`.`,
              `Approuvez-le d’abord : \`autoscale approve ${shortId(post.id)}\`.`,
            ),
      },
    );
  if (row.state !== 'scheduled' || row.attempts > 0)
    throw new StateError(
      l(
        `The ${platform} text of post ${shortId(post.id)} is frozen: it is ${row.state} there.`,
        `Le texte ${platform} de la publication ${shortId(post.id)} est figé : il y est ${row.state}.`,
      ),
      { code: 'platform_text_frozen' },
    );
  if (text !== null) assertPlatformText(platform, text);
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
