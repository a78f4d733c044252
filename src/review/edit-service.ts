import { stateLabel } from '../present/labels.js';
import { isContentFrozen, type PostState } from '../domain/post-state.js';
import { StateError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { recordAudit } from '../store/audit-repo.js';
import { shortId } from '../store/ids.js';
import { getPost, transitionPost } from '../store/posts-repo.js';
import { immediate } from '../store/tx.js';
import { addVersion, setVariantQuality, variantsForPost, versionsForVariant } from '../store/variants-repo.js';
import type { QualityReport } from '../content/quality.js';
import type { JudgeVerdict } from '../content/judge.js';
import { scoreVersion } from './quality-gate.js';
import { assertPublishableText, normaliseLineEndings } from '../domain/post-text.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { resolvePost, variantByIndex } from '../store/post-lookup.js';
import { imageFollowsVariant } from '../images/variant-image.js';

import { concurrentChange } from './concurrent-change.js';

/** States where the chosen variant's text was approved: editing it voids that approval. */
const APPROVAL_VOIDED_BY_EDIT: PostState[] = ['approved', 'failed'];

/** States in which the text may still change (no publication exists yet). */
const EDITABLE: PostState[] = ['draft', 'in_review', 'approved', 'failed'];

export interface EditInput {
  ref: string;
  variant: number;
  text: string;
  headline?: string | undefined;
  note?: string | undefined;
  source?: 'edit' | 'regenerate' | 'restore';
  /** The independent judge's verdict on the new text (regeneration); else deterministic scoring. */
  verdict?: JudgeVerdict | undefined;
  judgeNote?: string | undefined;
  /** Extra audit fields from the approval channel (channel, actor). */
  audit?: Record<string, unknown> | undefined;
}

export interface EditResult {
  postId: string;
  variantId: string;
  versionNo: number;
  changed: boolean;
  /** The new version's lint and quality assessment (absent when nothing changed). */
  report?: QualityReport | undefined;
  /** The picture was set again with the new headline. */
  imageChanged?: boolean;
  /** Why the picture could not follow the new headline (publishing will refuse until fixed). */
  imageError?: string | null;
  /** The edit changed the approved text: the post is back in review. */
  backToReview?: boolean;
}

export const editVariant = async (deps: ServiceDeps, input: EditInput): Promise<EditResult> => {
  const post = await resolvePost(deps.db, input.ref);
  if (isContentFrozen(post.state) || !EDITABLE.includes(post.state)) {
    throw new StateError(
      l(
        `Post ${shortId(post.id)} is ${post.state}; its text can no longer change.`,
        `La publication ${shortId(post.id)} est ${stateLabel(post.state, 'fr')}; son texte ne peut plus changer.`,
      ),
      {
        code: 'content_frozen',
        fix: l(
          'Only draft, in_review, approved or failed posts can be edited; generate a new post instead.',
          'Seules les publications en brouillon, en révision, approuvées ou en échec se modifient; générez plutôt une nouvelle publication.',
        ),
      },
    );
  }
  const text = normaliseLineEndings(input.text).trim();
  if (!text) {
    throw new UsageError(l('The new text is empty.', 'Le nouveau texte est vide.'), {
      code: 'empty_text',
      fix: l(
        'Nothing was changed; give the full text of the variant.',
        'Rien n’a été changé; donnez le texte complet de la variante.',
      ),
    });
  }
  const where = l(
    `autoscale edit ${shortId(post.id)} --variant ${input.variant}`,
    `autoscale edit ${shortId(post.id)} --variant ${input.variant}`,
  );
  const allowInvisible = deps.config.quality.allowedInvisible;
  assertPublishableText(
    text,
    l(`The new text of variant ${input.variant}`, `Le nouveau texte de la variante ${input.variant}`),
    where,
    { allowInvisible },
  );
  if (input.headline?.trim())
    assertPublishableText(
      input.headline.trim(),
      l(`The new headline of variant ${input.variant}`, `Le nouveau titre de la variante ${input.variant}`),
      where,
      { allowInvisible },
    );
  const variant = variantByIndex(await variantsForPost(deps.db, post.id), input.variant, post.id);
  const headline = input.headline?.trim() || variant.headline;
  if (text === variant.text && headline === variant.headline) {
    return { postId: post.id, variantId: variant.id, versionNo: variant.currentVersionNo, changed: false };
  }
  // The stored score always follows the current text (scored before the write lock is taken).
  const report = await scoreVersion(deps, post, variant.style, text, input.verdict, input.judgeNote);
  const committed = await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    const current = await getPost(trx, post.id);
    if (!current || current.state !== post.state) throw concurrentChange(post.id);
    // The approved text is changing: the approval no longer covers it, so the post goes back to
    // review (a person approves the new text, or it is never published). A new headline alone
    // keeps the approval: the picture is set again with it below.
    const voids =
      text !== variant.text &&
      APPROVAL_VOIDED_BY_EDIT.includes(current.state) &&
      current.chosenVariantId === variant.id;
    if (voids) {
      if (
        !(await transitionPost(trx, w, post.id, current.state, 'in_review', {
          scheduledAt: null,
          slotSeed: null,
          approvedTextHash: null,
        }))
      )
        throw concurrentChange(post.id);
      await recordAudit(trx, w, {
        entity: 'post',
        entityId: post.id,
        action: 'approval_voided',
        from: current.state,
        to: 'in_review',
        reason: 'the approved variant was edited',
        data: { variantId: variant.id, variantIndex: variant.idx, fromVersion: variant.currentVersionNo },
      });
    }
    const n = await addVersion(trx, w, variant.id, {
      text,
      headline,
      source: input.source ?? 'edit',
      note: input.note ?? null,
    });
    await setVariantQuality(trx, w, variant.id, report.score, {
      ...report,
      rounds: 1,
      history: [{ round: 0, score: report.score, flags: report.flags }],
      source: input.source ?? 'edit',
    });
    await recordAudit(trx, w, {
      entity: 'variant',
      entityId: variant.id,
      action: input.source ?? 'edit',
      reason: input.note ?? null,
      data: { postId: post.id, from: variant.currentVersionNo, to: n, ...input.audit },
    });
    return { n, voids };
  });
  // A new headline on the variant the picture carries (or the approved one) is set on the picture
  // at once. The text is saved either way; publishing tries again and refuses the wrong picture.
  const image = await imageFollowsVariant(deps, post.id).then(
    (r) => ({ changed: r.changed, error: null }),
    (error: unknown) => ({ changed: false, error: error instanceof Error ? error.message : String(error) }),
  );
  return {
    postId: post.id,
    variantId: variant.id,
    versionNo: committed.n,
    changed: true,
    report,
    imageChanged: image.changed,
    imageError: image.error,
    backToReview: committed.voids,
  };
};

export const restoreVersion = async (
  deps: ServiceDeps,
  ref: string,
  variant: number,
  versionNo: number,
): Promise<EditResult> => {
  const post = await resolvePost(deps.db, ref);
  const v = variantByIndex(await variantsForPost(deps.db, post.id), variant, post.id);
  const target = (await versionsForVariant(deps.db, v.id)).find((x) => x.versionNo === versionNo);
  if (!target) {
    throw new UsageError(
      l(`Variant ${variant} has no version ${versionNo}.`, `La variante ${variant} n'a pas de version ${versionNo}.`),
      {
        code: 'unknown_version',
        fix: l(
          `See the versions with \`autoscale show ${shortId(post.id)}\`.`,
          `Voyez les versions avec \`autoscale show ${shortId(post.id)}\`.`,
        ),
      },
    );
  }
  return editVariant(deps, {
    ref: post.id,
    variant,
    text: target.text,
    headline: target.headline,
    source: 'restore',
    note: `restore v${versionNo}`,
  });
};
