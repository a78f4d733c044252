import type { JudgeVerdict } from '../content/judge.js';
import { describeFlag, evaluateDraft, type GateFlag, type QualityReport } from '../content/quality.js';
import { localSimilarity } from '../content/similarity.js';
import { isStyle } from '../domain/content.js';
import { QualityError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { recordAudit } from '../store/audit-repo.js';
import type { Db } from '../store/database.js';
import { recentPostTexts } from '../store/variants-repo.js';
import type { WriteContext } from '../store/write-context.js';
import type { Post } from '../domain/post.js';
import type { Variant } from '../domain/variant.js';

/**
 * The quality gate at approval. Every approval channel (CLI, studio, Slack, the review page)
 * goes through `approvePost`, which asks this module: a variant below the gate, or flagged too
 * similar to a past post, is approved only with an explicit override that names the flags it
 * accepts, and the override is written to the audit log with the approval.
 */
export interface GateStatus {
  passed: boolean;
  flags: GateFlag[];
  score: number | null;
  threshold: number;
  similarity: { max: number; postId: string | null } | null;
  /** Each flag in words, for the confirmation and the error. */
  reasons: Localized[];
}

export interface GateOverride {
  /** The flags the approver saw and accepts, or `all` (the CLI's --force). */
  acknowledge: readonly string[] | 'all';
  /** Why; kept in the audit log. */
  reason?: string | undefined;
}

/**
 * Scores a new version of a variant like a draft, similarity to the brand's other recent posts
 * included, so an edit can neither hide a repeat nor keep a score that belonged to older text.
 */
export const scoreVersion = async (
  deps: Pick<ServiceDeps, 'config' | 'brand' | 'db' | 'clock'>,
  post: Post,
  style: string,
  text: string,
  verdict?: JudgeVerdict,
  judgeNote?: string,
): Promise<QualityReport> => {
  const q = deps.config.quality;
  const since = new Date(deps.clock.now().getTime() - q.similarityDays * 86_400_000).toISOString();
  const others = (await recentPostTexts(deps.db, post.brand, since)).filter((p) => p.postId !== post.id);
  return evaluateDraft({
    text,
    style: isStyle(style) ? style : 'professional',
    contentType: post.contentType,
    threshold: q.threshold,
    minChars: q.minChars,
    verdict,
    judgeNote,
    similarity: localSimilarity(text, others),
    similarityThreshold: q.similarityThreshold,
    accept: (deps.config.brands[post.brand] ?? deps.brand).profile.acceptedWords,
  });
};

const stored = (variant: Variant): QualityReport | undefined => {
  if (!variant.quality) return undefined;
  try {
    const q = JSON.parse(variant.quality) as Partial<QualityReport>;
    return Array.isArray(q.flags) && typeof q.passed === 'boolean' ? (q as QualityReport) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The gate for a variant's current text. Every new version is scored when it is saved, so the
 * stored report belongs to the text shown; a variant without one (imported) is scored now.
 */
export const gateFor = (deps: Pick<ServiceDeps, 'config' | 'brand'>, post: Post, variant: Variant): GateStatus => {
  const q = deps.config.quality;
  const report =
    stored(variant) ??
    evaluateDraft({
      text: variant.text,
      style: isStyle(variant.style) ? variant.style : 'professional',
      contentType: post.contentType,
      threshold: q.threshold,
      minChars: q.minChars,
      similarityThreshold: q.similarityThreshold,
      accept: deps.brand.profile.acceptedWords,
    });
  // The threshold is the owner's current one (it may have been raised since the draft was scored),
  // and the text's length is checked again: a stored report from before the gate may lack it.
  const threshold = q.threshold;
  const score = report.score ?? null;
  const below = score === null || score < threshold;
  const flags: GateFlag[] = report.flags.filter((f) => f !== 'below-threshold' || below);
  if (below && !flags.includes('below-threshold')) flags.push('below-threshold');
  if (variant.text.trim().length < q.minChars && !flags.includes('too-short')) flags.push('too-short');
  return {
    passed: flags.length === 0,
    flags,
    score,
    threshold,
    similarity: report.similarity ? { max: report.similarity.max, postId: report.similarity.postId } : null,
    reasons: flags.map((f) => describeFlag(f, { ...report, threshold })),
  };
};

const passes = (v: Variant): number => (v.quality && /"passed":true/.test(v.quality) ? 1 : 0);

/** The variant approved when none is named: one that passes the gate first, then the best scored. */
export const bestVariant = (variants: Variant[]): Variant | undefined =>
  [...variants].sort(
    (a, b) => passes(b) - passes(a) || (b.qualityScore ?? -1) - (a.qualityScore ?? -1) || a.idx - b.idx,
  )[0];

/** Throws unless the gate passes or the override accepts every flag it raised. */
export const assertGate = (gate: GateStatus, variantIdx: number, shortPostId: string, override?: GateOverride) => {
  if (gate.passed) return;
  const accepted = override?.acknowledge === 'all' ? gate.flags : (override?.acknowledge ?? []);
  const missing = gate.flags.filter((f) => !accepted.includes(f));
  if (missing.length === 0) return;
  const why = (lang: 'en' | 'fr') => gate.reasons.map((r) => r[lang]).join('; ');
  throw new QualityError(
    l(
      `Variant ${variantIdx} of post ${shortPostId} does not pass the quality gate: ${why('en')}.`,
      `La variante ${variantIdx} de la publication ${shortPostId} ne passe pas le seuil de qualité : ${why('fr')}.`,
    ),
    {
      code: 'quality_gate',
      details: { flags: gate.flags, missing, score: gate.score, threshold: gate.threshold },
      fix: l(
        `Edit or regenerate the variant, or approve anyway with --force (the override and its reasons go to the audit log).`,
        `Modifiez ou régénérez la variante, ou approuvez quand même avec --force (la dérogation et ses raisons vont au journal d’audit).`,
      ),
    },
  );
};

/** The audit row of an approval that overrode the gate (written in the approval's transaction). */
export const recordGateOverride = async (
  trx: Db,
  w: WriteContext,
  post: Post,
  variant: Variant,
  gate: GateStatus,
  override: GateOverride,
) =>
  recordAudit(trx, w, {
    entity: 'post',
    entityId: post.id,
    action: 'gate_override',
    from: post.state,
    to: 'approved',
    reason: override.reason ?? null,
    data: {
      variantId: variant.id,
      variantIndex: variant.idx,
      version: variant.currentVersionNo,
      flags: gate.flags,
      reasons: gate.reasons.map((r) => r.en),
      score: gate.score,
      threshold: gate.threshold,
      similarity: gate.similarity,
      acknowledged: override.acknowledge,
    },
  });
