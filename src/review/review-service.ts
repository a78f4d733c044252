import { randomUUID } from 'node:crypto';
import { assertTransition, isContentFrozen, type PostState } from '../domain/post-state.js';
import { drawSlot } from '../domain/slot.js';
import { addDays, formatLocal, localDate, parseUserTime, weekdayOf } from '../domain/time.js';
import { StateError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { recordAudit } from '../store/audit-repo.js';
import { preferredMinuteForPost } from '../store/learning-repo.js';
import { shortId } from '../store/ids.js';
import { getPost, takenSlots, transitionPost } from '../store/posts-repo.js';
import { immediate } from '../store/tx.js';
import { addVersion, setVariantQuality, variantsForPost, versionsForVariant } from '../store/variants-repo.js';
import type { JudgeVerdict } from '../content/judge.js';
import {
  assertGate,
  bestVariant,
  gateFor,
  recordGateOverride,
  scoreVersion,
  type GateOverride,
  type GateStatus,
} from './quality-gate.js';
import { modeFor, type PublishMode } from '../domain/publish-mode.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { resolvePost, variantByIndex } from '../store/post-lookup.js';
import type { Post } from '../domain/post.js';
import type { Variant } from '../domain/variant.js';

export interface ProposedSlot {
  at: Date;
  seed: string;
  date: string;
  local: string;
  /** Why the slot is on another day than the target date, if it is. */
  movedFrom?: string | undefined;
}

/**
 * The next slot for a post: in the posting window of its target date, or of the first posting
 * day after it when that day is not a posting day, is past, or is full (minimum gap).
 */
export const proposeSlot = async (deps: ServiceDeps, post: Post, seed?: string): Promise<ProposedSlot> => {
  const { brand } = deps;
  const now = deps.clock.now();
  const today = localDate(now, brand.timezone);
  let date = post.targetDate < today ? today : post.targetDate;
  // The optimizer's preferred hour for this post, when it made a decision for it.
  const preferredMinute = await preferredMinuteForPost(deps.db, post.id);
  const slotSeed = seed ?? `${post.id}:${randomUUID()}`;
  for (let i = 0; i < 60; i += 1, date = addDays(date, 1)) {
    if (!brand.posting.days.includes(weekdayOf(date))) continue;
    const taken = await takenSlots(deps.db, deps.brandSlug, addDays(date, -2), addDays(date, 3), post.id);
    const slot = drawSlot({
      preferredMinute,
      date,
      timeZone: brand.timezone,
      windowStart: brand.posting.windowStart,
      windowEnd: brand.posting.windowEnd,
      jitterMinutes: brand.posting.jitterMinutes,
      minGapHours: brand.posting.minGapHours,
      taken: taken.map((t) => new Date(t)),
      seed: `${slotSeed}:${date}`,
    });
    if (slot && slot.at.getTime() > now.getTime() + 60_000) {
      return {
        at: slot.at,
        seed: `${slotSeed}:${date}`,
        date,
        local: formatLocal(slot.at, brand.timezone),
        movedFrom: date === post.targetDate ? undefined : post.targetDate,
      };
    }
  }
  throw new StateError(l('No free slot in the next 60 days.', 'Aucun créneau libre dans les 60 prochains jours.'), {
    code: 'no_slot',
    fix: l(
      'Give a time with --at, or widen the posting days/window in the config.',
      'Donnez une heure avec --at, ou élargissez les jours ou la fenêtre de publication dans la configuration.',
    ),
  });
};

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
  /** The gate as it stood; `overridden` when the approval went through on an override. */
  gateStatus: GateStatus & { overridden: boolean };
}

export const parseAt = (value: string, timeZone: string, now: Date, flag = '--at'): Date => {
  const at = parseUserTime(value, timeZone);
  if (!at) {
    throw new UsageError(l(`${flag} "${value}" is not a time.`, `${flag} « ${value} » n'est pas une heure.`), {
      code: 'bad_time',
      fix: l(
        `Use ISO-8601 (2026-12-01T14:30:00-05:00) or local "YYYY-MM-DD HH:MM" (${timeZone}).`,
        `Utilisez ISO-8601 (2026-12-01T14:30:00-05:00) ou l’heure locale « AAAA-MM-JJ HH:MM » (${timeZone}).`,
      ),
    });
  }
  if (at.getTime() <= now.getTime()) {
    throw new UsageError(l(`${flag} ${value} is in the past.`, `${flag} ${value} est dans le passé.`), {
      code: 'time_in_past',
      fix: l(
        'Give a future time, or omit --at to draw a slot in the posting window.',
        'Donnez une heure future, ou omettez --at pour tirer un créneau dans la fenêtre de publication.',
      ),
    });
  }
  return at;
};

/** Human approval: the only way a post moves towards publication. */
export const approvePost = async (deps: ServiceDeps, input: ApproveInput): Promise<ApproveResult> => {
  const post = await resolvePost(deps.db, input.ref);
  assertTransition(shortId(post.id), post.state, 'approved');
  if (post.state === 'scheduled' || post.state === 'publishing' || post.state === 'unconfirmed') {
    // Re-approving would draw a new slot while Meta may hold (or have) the post: a double publish.
    throw new StateError(
      l(
        `Post ${shortId(post.id)} is ${post.state}: it is (or may be) on Facebook already.`,
        `Le post ${shortId(post.id)} est ${post.state} : il est (ou est peut-être) déjà sur Facebook.`,
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
      l(`Post ${shortId(post.id)} has no variants.`, `Le post ${shortId(post.id)} n'a aucune variante.`),
    );
  const gate = gateFor(deps, post, variant);
  assertGate(gate, variant.idx, shortId(post.id), input.gateOverride);
  const overridden = !gate.passed;
  const now = deps.clock.now();
  let at: Date;
  let seed: string | null = null;
  let movedFrom: string | undefined;
  if (input.at) {
    at = parseAt(input.at, deps.brand.timezone, now);
  } else {
    const slot = await proposeSlot(deps, post, input.slotSeed);
    at = slot.at;
    seed = slot.seed;
    movedFrom = slot.movedFrom;
  }
  const mode = modeFor(input.mode ?? deps.brand.posting.mode, at, now);
  await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    const moved = await transitionPost(trx, w, post.id, post.state, 'approved', {
      chosenVariantId: variant.id,
      scheduledAt: at.toISOString(),
      slotSeed: seed,
      publishMode: mode,
      failureReason: null,
    });
    if (!moved) throw concurrentChange(post.id);
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
        scheduledAt: at.toISOString(),
        mode,
        drawn: !input.at,
        seed,
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
    gateStatus: { ...gate, overridden },
  };
};

const concurrentChange = (id: string) =>
  new StateError(
    l(
      `Post ${shortId(id)} was changed by another process meanwhile.`,
      `Le post ${shortId(id)} a été modifié par un autre processus entre-temps.`,
    ),
    {
      code: 'concurrent_change',
      fix: l(
        `Look at it again with \`autoscale show ${shortId(id)}\` and retry.`,
        `Revoyez-le avec \`autoscale show ${shortId(id)}\` et réessayez.`,
      ),
    },
  );

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
}

export const editVariant = async (deps: ServiceDeps, input: EditInput): Promise<EditResult> => {
  const post = await resolvePost(deps.db, input.ref);
  if (isContentFrozen(post.state) || !EDITABLE.includes(post.state)) {
    throw new StateError(
      l(
        `Post ${shortId(post.id)} is ${post.state}; its text can no longer change.`,
        `Le post ${shortId(post.id)} est à l'état ${post.state}; son texte ne peut plus changer.`,
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
  const text = input.text.replace(/\r\n/g, '\n').trim();
  if (!text) {
    throw new UsageError(l('The new text is empty.', 'Le nouveau texte est vide.'), {
      code: 'empty_text',
      fix: l(
        'Nothing was changed; give the full text of the variant.',
        'Rien n’a été changé; donnez le texte complet de la variante.',
      ),
    });
  }
  const variant = variantByIndex(await variantsForPost(deps.db, post.id), input.variant, post.id);
  const headline = input.headline?.trim() || variant.headline;
  if (text === variant.text && headline === variant.headline) {
    return { postId: post.id, variantId: variant.id, versionNo: variant.currentVersionNo, changed: false };
  }
  // The stored score always follows the current text (scored before the write lock is taken).
  const report = await scoreVersion(deps, post, variant.style, text, input.verdict, input.judgeNote);
  const versionNo = await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    const current = await getPost(trx, post.id);
    if (!current || current.state !== post.state) throw concurrentChange(post.id);
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
    return n;
  });
  return { postId: post.id, variantId: variant.id, versionNo, changed: true };
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
