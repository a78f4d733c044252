import { stateLabel } from '../present/labels.js';
import { assertTransition } from '../domain/post-state.js';
import { formatLocal } from '../domain/time.js';
import { StateError, UsageError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import { atNotices } from '../domain/at-notice.js';
import { recordAudit } from '../store/audit-repo.js';
import { shortId } from '../store/ids.js';
import { getPost, transitionPost } from '../store/posts-repo.js';
import { immediate } from '../store/tx.js';
import { variantsForPost } from '../store/variants-repo.js';
import { assertNoSampleCase } from '../content/samples.js';
import {
  assertGate,
  bestVariant,
  gateFor,
  recordGateOverride,
  type GateOverride,
  type GateStatus,
} from './quality-gate.js';
import { modeFor, type PublishMode } from '../domain/publish-mode.js';
import { assertPublishableText } from '../domain/post-text.js';
import { hashText } from '../domain/random.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { resolvePost, variantByIndex } from '../store/post-lookup.js';
import { imageFollowsVariant } from '../images/variant-image.js';
import { parseAt, proposeSlot, type MovedBecause } from './slot-proposal.js';
import type { Post } from '../domain/post.js';
import type { Variant } from '../domain/variant.js';

import { concurrentChange } from './concurrent-change.js';
export { editVariant, restoreVersion, type EditInput, type EditResult } from './edit-service.js';
export { parseAt, proposeSlot, type MovedBecause, type ProposedSlot } from './slot-proposal.js';

export interface ApproveInput {
  ref: string;
  variant?: number | undefined;
  at?: string | undefined;
  mode?: PublishMode | undefined;
  note?: string | undefined;
  /**
   * Seed of a slot shown earlier with `proposeSlot(deps, post, slotSeed)`: approving draws the
   * same slot (unless the window filled up meanwhile), so what the reviewer saw is what is kept.
   */
  slotSeed?: string | undefined;
  /** Extra audit fields from the approval channel (channel, actor, gate override). */
  audit?: Record<string, unknown> | undefined;
  /**
   * Approving a variant that does not pass the quality gate needs this: the flags the approver
   * accepts (or `all`), recorded in the audit log. Without it such an approval is refused.
   */
  gateOverride?: GateOverride | undefined;
}

export interface ApproveResult {
  postId: string;
  variant: Variant;
  scheduledAt: string;
  local: string;
  mode: PublishMode;
  drawn: boolean;
  movedFrom?: string | undefined;
  movedBecause?: MovedBecause | undefined;
  /** The picture that goes out with the post (path under the media folder), when it has one. */
  image: { id: string; path: string; changed: boolean } | null;
  /** About an explicit time: a DST gap or overlap, or outside the posting window (it is kept). */
  notices: Localized[];
  /** The gate as it stood; `overridden` when the approval went through on an override. */
  gateStatus: GateStatus & { overridden: boolean };
}

/** Human approval: the only way a post moves towards publication. */
export const approvePost = async (deps: ServiceDeps, input: ApproveInput): Promise<ApproveResult> => {
  const post = await resolvePost(deps.db, input.ref);
  assertTransition(shortId(post.id), post.state, 'approved');
  if (post.state === 'scheduled' || post.state === 'publishing' || post.state === 'unconfirmed') {
    // Re-approving would draw a new slot while Meta may hold (or have) the post: a double publish.
    throw new StateError(
      l(
        `Post ${shortId(post.id)} is ${post.state}: it is (or may be) on Facebook already.`,
        `La publication ${shortId(post.id)} est ${stateLabel(post.state, 'fr')} : elle est (ou est peut-être) déjà sur Facebook.`,
      ),
      {
        code: 'publication_exists',
        fix:
          post.state === 'scheduled'
            ? l(
                `Change its time with \`autoscale publish ${shortId(post.id)} --reschedule "YYYY-MM-DD HH:MM"\`, or withdraw it with \`--cancel\`.`,
                `Changez l’heure avec \`autoscale publish ${shortId(post.id)} --reschedule "AAAA-MM-JJ HH:MM"\`, ou retirez-le avec \`--cancel\`.`,
              )
            : l(
                `Reconcile it first: \`autoscale publish ${shortId(post.id)}\`.`,
                `Réconciliez-le d’abord : \`autoscale publish ${shortId(post.id)}\`.`,
              ),
      },
    );
  }
  const variants = await variantsForPost(deps.db, post.id);
  const variant =
    input.variant === undefined ? bestVariant(variants) : variantByIndex(variants, input.variant, post.id);
  if (!variant)
    throw new StateError(
      l(`Post ${shortId(post.id)} has no variants.`, `La publication ${shortId(post.id)} n’a aucune variante.`),
    );
  // An invented client presented as real is refused before a slot is taken.
  assertNoSampleCase(`${variant.headline}\n${variant.text}`, deps.brand.profile, shortId(post.id));
  // Every approval channel (CLI, studio, Slack, review page) ends here: nothing unfit for the
  // Page can be approved, whatever let it into the store.
  assertPublishableText(
    variant.text,
    l(
      `Variant ${variant.idx} of post ${shortId(post.id)}`,
      `La variante ${variant.idx} de la publication ${shortId(post.id)}`,
    ),
    l(
      `autoscale edit ${shortId(post.id)} --variant ${variant.idx}`,
      `autoscale edit ${shortId(post.id)} --variant ${variant.idx}`,
    ),
    { allowInvisible: deps.config.quality.allowedInvisible },
  );
  const approvedHash = hashText(variant.text);
  const gate = gateFor(deps, post, variant);
  assertGate(gate, variant.idx, shortId(post.id), input.gateOverride);
  const overridden = !gate.passed;
  const now = deps.clock.now();
  let at: Date;
  let seed: string | null = null;
  let movedFrom: string | undefined;
  let movedBecause: MovedBecause | undefined;
  let notices: Localized[] = [];
  if (input.at) {
    at = parseAt(input.at, deps.brand.timezone, now);
    notices = atNotices(input.at, at, deps.brand.timezone, deps.brand.posting);
  } else {
    const slot = await proposeSlot(deps, post, input.slotSeed);
    at = slot.at;
    seed = slot.seed;
    movedFrom = slot.movedFrom;
    movedBecause = slot.movedBecause;
  }
  const mode = modeFor(input.mode ?? deps.brand.posting.mode, at, now);
  // The picture follows the approved variant: set again with its headline before the approval is
  // committed, so an approved post never waits for its slot with another variant's image.
  const image = await imageFollowsVariant(deps, post.id, variant.id);
  await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    const moved = await transitionPost(trx, w, post.id, post.state, 'approved', {
      chosenVariantId: variant.id,
      scheduledAt: at.toISOString(),
      slotSeed: seed,
      publishMode: mode,
      failureReason: null,
      approvedTextHash: approvedHash,
    });
    if (!moved) throw concurrentChange(post.id);
    // The text read above is the one approved: an edit committed meanwhile must not ride along.
    const current = (await variantsForPost(trx, post.id)).find((v) => v.id === variant.id);
    if (!current || hashText(current.text) !== approvedHash) throw concurrentChange(post.id);
    if (overridden && input.gateOverride) await recordGateOverride(trx, w, post, variant, gate, input.gateOverride);
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: post.id,
      action: 'approve',
      from: post.state,
      to: 'approved',
      reason: input.note ?? null,
      data: {
        variantId: variant.id,
        variantIndex: variant.idx,
        version: variant.currentVersionNo,
        textHash: approvedHash,
        scheduledAt: at.toISOString(),
        mode,
        drawn: !input.at,
        seed,
        imageId: image.image?.id ?? null,
        ...input.audit,
        gate: { passed: gate.passed, flags: gate.flags, overridden },
      },
    });
  });
  return {
    postId: post.id,
    variant,
    scheduledAt: at.toISOString(),
    local: formatLocal(at, deps.brand.timezone),
    mode,
    drawn: !input.at,
    movedFrom,
    movedBecause,
    image: image.image ? { id: image.image.id, path: image.image.path, changed: image.changed } : null,
    notices,
    gateStatus: { ...gate, overridden },
  };
};

export const rejectPost = async (
  deps: ServiceDeps,
  ref: string,
  reason: string,
  audit?: Record<string, unknown>,
): Promise<Post> => {
  const text = reason.trim();
  if (!text) {
    throw new UsageError(l('A rejection needs a reason.', 'Un rejet demande une raison.'), {
      code: 'missing_reason',
      fix: l(
        'Add --reason "…" (it teaches the optimizer what to avoid).',
        'Ajoutez --reason "…" (l’optimiseur apprend ce qu’il faut éviter).',
      ),
    });
  }
  const post = await resolvePost(deps.db, ref);
  assertTransition(shortId(post.id), post.state, 'rejected');
  await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    if (!(await transitionPost(trx, w, post.id, post.state, 'rejected', { scheduledAt: null })))
      throw concurrentChange(post.id);
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: post.id,
      action: 'reject',
      from: post.state,
      to: 'rejected',
      reason: text,
      ...(audit ? { data: audit } : {}),
    });
  });
  return (await getPost(deps.db, post.id))!;
};
