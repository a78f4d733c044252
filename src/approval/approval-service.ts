import type { ServiceDeps } from '../deps/service-deps.js';
import { formatLocal } from '../domain/time.js';
import { StateError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import {
  approvePost,
  editVariant,
  proposeSlot,
  rejectPost,
  type ApproveInput,
  type ApproveResult,
  type EditResult,
  type ProposedSlot,
} from '../review/review-service.js';
import { auditFor } from '../store/audit-repo.js';
import { shortId } from '../store/ids.js';
import { imageForPost } from '../store/images-repo.js';
import { resolvePost } from '../store/post-lookup.js';
import { variantsForPost } from '../store/variants-repo.js';
import { reviewVersion } from './review-state.js';
import { gateFor, type GateStatus } from '../review/quality-gate.js';
import type { PostImage } from '../domain/image.js';
import type { Post } from '../domain/post.js';
import type { Variant } from '../domain/variant.js';

/** Where a decision comes from. Every channel calls this service; the audit log says which. */
export type ApprovalChannel = 'cli' | 'studio' | 'slack' | 'page';

/** Who acted: a Slack user id, a review link id, or the terminal user (user@host). */
export interface Actor {
  channel: ApprovalChannel;
  id: string;
}

/** The remote channels act only on the version the reviewer saw, and only while it is in review. */
const REMOTE: ApprovalChannel[] = ['slack', 'page'];

export const actorLabel = (actor: Actor, fallback: string): string =>
  actor.channel === 'slack' ? `slack:${actor.id}` : actor.channel === 'page' ? `link:${actor.id}` : fallback;

/** The post's own brand decides its posting window, not the --brand default. */
export const depsForPost = (deps: ServiceDeps, post: Pick<Post, 'brand'>): ServiceDeps => {
  const brand = deps.config.brands[post.brand];
  return brand ? { ...deps, brandSlug: post.brand, brand } : deps;
};

const asActor = (deps: ServiceDeps, actor: Actor): ServiceDeps => ({
  ...deps,
  writer: () => {
    const w = deps.writer();
    return { ...w, actor: actorLabel(actor, w.actor) };
  },
});

export interface ReviewView {
  post: Post;
  variants: Variant[];
  version: string;
  /** Each variant's quality gate, as `approvePost` will check it. */
  gates: GateStatus[];
  image: PostImage | undefined;
}

export const loadReview = async (deps: ServiceDeps, ref: string): Promise<ReviewView> => {
  const post = await resolvePost(deps.db, ref);
  const variants = await variantsForPost(deps.db, post.id);
  return {
    post,
    variants,
    version: reviewVersion(post, variants),
    gates: variants.map((v) => gateFor(depsForPost(deps, post), post, v)),
    image: await imageForPost(deps.db, post),
  };
};

/** The slot a reviewer is shown; approving with its seed keeps it. */
export const proposedSlot = (deps: ServiceDeps, post: Post, seed?: string): Promise<ProposedSlot> =>
  proposeSlot(depsForPost(deps, post), post, seed);

/** The last decision on a post, for "already approved by … at …" answers. */
export const lastDecision = async (
  deps: ServiceDeps,
  postId: string,
): Promise<{ action: string; actor: string; at: string; reason: string | null } | undefined> => {
  const rows = await auditFor(deps.db, [postId]);
  const row = [...rows].reverse().find((r) => r.entity === 'post' && (r.action === 'approve' || r.action === 'reject'));
  return row ? { action: row.action, actor: row.actor, at: row.createdAt, reason: row.reason } : undefined;
};

const stateWord = (state: string): Localized =>
  ({
    approved: l('approved', 'approuvé'),
    rejected: l('rejected', 'rejeté'),
    scheduled: l('scheduled on Facebook', 'programmé sur Facebook'),
    publishing: l('being published', 'en cours de publication'),
    published: l('published', 'publié'),
    measured: l('published and measured', 'publié et mesuré'),
    failed: l('failed', 'en échec'),
    unconfirmed: l('unconfirmed', 'non confirmé'),
    draft: l('a draft', 'un brouillon'),
    in_review: l('in review', 'en révision'),
  })[state] ?? l(state, state);

/**
 * Refuses an action on a post that left review, or changed since the reviewer saw it. The
 * terminal channels keep the lifecycle's own rules (a failed post may be approved again there).
 */
const assertReviewable = async (
  deps: ServiceDeps,
  actor: Actor,
  view: ReviewView,
  expectVersion: string | undefined,
) => {
  if (!REMOTE.includes(actor.channel) && expectVersion === undefined) return;
  const { post } = view;
  const id = shortId(post.id);
  if (post.state !== 'in_review') {
    const last = await lastDecision(deps, post.id);
    const word = stateWord(post.state);
    const by = last
      ? l(
          ` by ${last.actor} at ${formatLocal(new Date(last.at), deps.brand.timezone)}`,
          ` par ${last.actor} le ${formatLocal(new Date(last.at), deps.brand.timezone)}`,
        )
      : l('', '');
    throw new StateError(
      l(`Post ${id} is already ${word.en}${by.en}.`, `La publication ${id} est déjà ${word.fr}${by.fr}.`),
      {
        code: 'already_decided',
        details: { postId: post.id, state: post.state, actor: last?.actor ?? null, at: last?.at ?? null },
        fix: l(
          `Nothing was done. See it with \`autoscale show ${id}\`.`,
          `Rien n’a été fait. Voyez-le avec \`autoscale show ${id}\`.`,
        ),
      },
    );
  }
  if (expectVersion !== undefined && expectVersion !== view.version) {
    throw new StateError(
      l(
        `Post ${id} changed since this review was sent (edited or given a new image).`,
        `La publication ${id} a changé depuis l’envoi de cette révision (modifié ou nouvelle image).`,
      ),
      {
        code: 'stale_version',
        details: { postId: post.id, expected: expectVersion, current: view.version },
        fix: l(
          `Nothing was done. Open the latest version: \`autoscale link ${id}\` or \`autoscale review ${id}\`.`,
          `Rien n’a été fait. Ouvrez la dernière version : \`autoscale link ${id}\` ou \`autoscale review ${id}\`.`,
        ),
      },
    );
  }
};

/** "Approve anyway" from a remote channel: the gate flags the reviewer was shown and confirmed. */
export interface RemoteOverride {
  flags: string[];
}

export interface ApproveViaInput extends Omit<ApproveInput, 'audit'> {
  /** The review version the reviewer saw; refused if the post changed since. */
  expectVersion?: string | undefined;
  /** "Approve anyway" from a remote channel; the CLI and the studio pass `gateOverride`. */
  override?: RemoteOverride | undefined;
}

export interface ApprovalOutcome extends ApproveResult {
  overridden: boolean;
}

/**
 * Approves a post from any channel: the lifecycle checks of `approvePost`, the version the
 * reviewer saw, the quality gate (the remote channels need an explicit override naming the
 * reasons), and the channel and actor in the audit row.
 */
export const approveVia = async (deps: ServiceDeps, actor: Actor, input: ApproveViaInput): Promise<ApprovalOutcome> => {
  const view = await loadReview(deps, input.ref);
  const local = depsForPost(deps, view.post);
  await assertReviewable(local, actor, view, input.expectVersion);
  const result = await approvePost(asActor(local, actor), {
    ref: view.post.id,
    variant: input.variant,
    at: input.at,
    mode: input.mode,
    note: input.note,
    slotSeed: input.slotSeed,
    // One gate for every channel (src/review/quality-gate.ts): the override names the flags the
    // reviewer confirmed, so a variant that changed and raised another flag is refused.
    gateOverride:
      input.gateOverride ??
      (input.override ? { acknowledge: input.override.flags, reason: `confirmed on ${actor.channel}` } : undefined),
    audit: { channel: actor.channel, actorId: actor.id, reviewVersion: view.version },
  });
  return { ...result, overridden: result.gateStatus.overridden };
};

export const rejectVia = async (
  deps: ServiceDeps,
  actor: Actor,
  input: { ref: string; reason: string; expectVersion?: string | undefined },
): Promise<Post> => {
  // A missing reason is a usage error whatever the post: rejectPost says so before any lookup.
  if (!input.reason.trim()) return rejectPost(deps, input.ref, input.reason);
  const view = await loadReview(deps, input.ref);
  const local = depsForPost(deps, view.post);
  await assertReviewable(local, actor, view, input.expectVersion);
  return rejectPost(asActor(local, actor), view.post.id, input.reason, {
    channel: actor.channel,
    actorId: actor.id,
    reviewVersion: view.version,
  });
};

/** A light edit from a remote channel: a new version of one variant, on the version seen. */
export const editVia = async (
  deps: ServiceDeps,
  actor: Actor,
  input: { ref: string; variant: number; text: string; headline?: string; expectVersion?: string | undefined },
): Promise<EditResult> => {
  const view = await loadReview(deps, input.ref);
  const local = depsForPost(deps, view.post);
  await assertReviewable(local, actor, view, input.expectVersion);
  return editVariant(asActor(local, actor), {
    ref: view.post.id,
    variant: input.variant,
    text: input.text,
    headline: input.headline,
    note: `${actor.channel} edit`,
    audit: { channel: actor.channel, actorId: actor.id },
  });
};
