import { createHash } from 'node:crypto';
import { NotFoundError, UsageError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import { featuresOf, type MeasuredFact } from '../measure/facts.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { recordAudit } from '../store/audit-repo.js';
import {
  insertGuidanceLine,
  insertGuidanceVersion,
  latestGuidanceVersion,
  listGuidanceLines,
  updateGuidanceLine,
} from '../store/learning-repo.js';
import { immediate } from '../store/tx.js';
import { deriveGuidance, isPromptRule, type DerivedRule } from './guidance.js';
import { clearMark, currentMark, configKey, writeMark, type LearningMark } from './learning-marks.js';
import { brandOf, generationOf, measuredFacts } from './learning-facts.js';
import type { GuidanceLineRecord } from '../domain/learning.js';

export interface GuidanceLine {
  id: string;
  ruleKey: string;
  status: 'active' | 'pinned' | 'rejected' | 'stale';
  text: Localized;
  forPrompt: boolean;
  evidence: unknown;
}

export const toLine = (r: GuidanceLineRecord): GuidanceLine => ({
  id: r.id,
  ruleKey: r.ruleKey,
  status: r.status as GuidanceLine['status'],
  text: l(r.textEn, r.textFr),
  forPrompt: isPromptRule(r.ruleKey),
  evidence: JSON.parse(r.evidence) as unknown,
});

export interface GuidanceBlock {
  /** null until the first version exists (fewer than MIN_GUIDANCE_POSTS measured posts and nothing pinned). */
  versionId: string | null;
  versionNo: number | null;
  /** The text to append to the generation prompt (empty when there is no lesson yet). */
  text: string;
  lines: GuidanceLine[];
  basedOnPosts: number;
}

const promptBlock = (lines: GuidanceLine[], language: string, versionNo: number): string => {
  if (lines.length === 0) return '';
  const fr = language !== 'en-CA';
  const head = fr
    ? `Leçons tirées de nos publications mesurées (guide v${versionNo}) :`
    : `Lessons from our measured posts (guidance v${versionNo}):`;
  return [head, ...lines.map((x) => `- ${fr ? x.text.fr : x.text.en}`)].join('\n');
};

/**
 * What a refresh does to the stored lines, as data: new rules become active lines; a changed
 * rule keeps the owner's pin or rejection (a stale one comes back); an active line whose rule
 * no longer holds goes stale. Written by `refreshGuidance`, applied in memory by the report.
 */
export interface GuidancePlan {
  inserts: DerivedRule[];
  updates: { row: GuidanceLineRecord; status: string; rule?: DerivedRule }[];
}

export const planGuidance = (existingRows: GuidanceLineRecord[], derived: DerivedRule[]): GuidancePlan => {
  const existing = new Map(existingRows.map((r) => [r.ruleKey, r]));
  const plan: GuidancePlan = { inserts: [], updates: [] };
  const seen = new Set<string>();
  for (const rule of derived) {
    seen.add(rule.ruleKey);
    const old = existing.get(rule.ruleKey);
    if (!old) plan.inserts.push(rule);
    else if (old.textFr !== rule.textFr || old.evidence !== JSON.stringify(rule.evidence) || old.status === 'stale')
      plan.updates.push({ row: old, status: old.status === 'stale' ? 'active' : old.status, rule });
  }
  for (const [key, row] of existing)
    if (!seen.has(key) && row.status === 'active') plan.updates.push({ row, status: 'stale' });
  return plan;
};

/** The lines as they are after the plan, without writing (new lines have no id yet). */
export const linesAfter = (existingRows: GuidanceLineRecord[], plan: GuidancePlan): GuidanceLine[] => {
  const updated = new Map(plan.updates.map((u) => [u.row.id, u]));
  const rows = existingRows.map((r) => {
    const u = updated.get(r.id);
    if (!u) return r;
    return u.rule
      ? {
          ...r,
          status: u.status,
          textFr: u.rule.textFr,
          textEn: u.rule.textEn,
          evidence: JSON.stringify(u.rule.evidence),
        }
      : { ...r, status: u.status };
  });
  for (const rule of plan.inserts) {
    rows.push({
      id: '',
      brand: existingRows[0]?.brand ?? '',
      ruleKey: rule.ruleKey,
      status: 'active',
      textFr: rule.textFr,
      textEn: rule.textEn,
      evidence: JSON.stringify(rule.evidence),
      createdAt: '',
      updatedAt: '',
    });
  }
  return rows.sort((a, b) => (a.ruleKey < b.ruleKey ? -1 : a.ruleKey > b.ruleKey ? 1 : 0)).map(toLine);
};

export const deriveFrom = (facts: MeasuredFact[]): DerivedRule[] =>
  deriveGuidance(facts.map((f) => ({ features: featuresOf(f), rate: f.rate! })));

/** The block as stored (the guidance is current: nothing new was measured since it was written). */
const storedBlock = async (deps: ServiceDeps, slug: string, mark: LearningMark): Promise<GuidanceBlock> => {
  const [rows, latest] = await Promise.all([listGuidanceLines(deps.db, slug), latestGuidanceVersion(deps.db, slug)]);
  const lines = rows.map(toLine);
  return latest
    ? {
        versionId: latest.id,
        versionNo: latest.versionNo,
        text: latest.text,
        lines,
        basedOnPosts: latest.basedOnPosts,
      }
    : { versionId: null, versionNo: null, text: '', lines, basedOnPosts: mark.posts };
};

/**
 * Re-derives the lessons, keeps the owner's pins and rejections, and writes a new guidance
 * version only when the set of lines in the prompt changed. Incremental: when no summary of the
 * brand changed since the last refresh, the stored guidance is returned without a write lock.
 */
export const refreshGuidance = async (
  deps: ServiceDeps,
  slug?: string,
  facts?: MeasuredFact[],
): Promise<GuidanceBlock> => {
  const { slug: s, brand } = brandOf(deps, slug);
  const mark = await currentMark(deps.db, 'guidance', s, brand);
  if (mark && (!facts || generationOf(facts) === mark.generation)) return storedBlock(deps, s, mark);
  const measured = facts ?? (await measuredFacts(deps, s));
  const derived = deriveFrom(measured);
  const generation = generationOf(measured);
  const w = deps.writer();
  return immediate(deps.db, async (trx) => {
    const existing = await listGuidanceLines(trx, s);
    const plan = planGuidance(existing, derived);
    for (const rule of plan.inserts) {
      await insertGuidanceLine(trx, w, {
        brand: s,
        ruleKey: rule.ruleKey,
        status: 'active',
        textFr: rule.textFr,
        textEn: rule.textEn,
        evidence: rule.evidence,
      });
    }
    for (const u of plan.updates) {
      await updateGuidanceLine(
        trx,
        w,
        u.row.id,
        u.rule
          ? { status: u.status, textFr: u.rule.textFr, textEn: u.rule.textEn, evidence: u.rule.evidence }
          : { status: u.status },
      );
    }
    if (generation !== undefined)
      await writeMark(trx, 'guidance', s, { generation, key: configKey(brand), posts: measured.length });
    const lines = (await listGuidanceLines(trx, s)).map(toLine);
    const inPrompt = lines.filter((x) => (x.status === 'active' || x.status === 'pinned') && x.forPrompt);
    const latest = await latestGuidanceVersion(trx, s);
    const versionNo = (latest?.versionNo ?? 0) + 1;
    const candidate = promptBlock(inPrompt, brand.profile.language, versionNo);
    const sha = createHash('sha256')
      .update(JSON.stringify(inPrompt.map((x) => [x.id, x.text.fr, x.text.en])))
      .digest('hex');
    if (latest && latest.sha256 === sha) {
      return {
        versionId: latest.id,
        versionNo: latest.versionNo,
        text: latest.text,
        lines,
        basedOnPosts: latest.basedOnPosts,
      };
    }
    if (!latest && inPrompt.length === 0)
      return { versionId: null, versionNo: null, text: '', lines, basedOnPosts: measured.length };
    const id = await insertGuidanceVersion(trx, w, {
      brand: s,
      versionNo,
      sha256: sha,
      text: candidate,
      lineIds: inPrompt.map((x) => x.id),
      basedOnPosts: measured.length,
    });
    await recordAudit(trx, w, {
      entity: 'guidance',
      entityId: id,
      action: 'version',
      data: { versionNo, lines: inPrompt.map((x) => x.ruleKey) },
    });
    return { versionId: id, versionNo, text: candidate, lines, basedOnPosts: measured.length };
  });
};

/**
 * The block to inject into generation prompts, with the version id each variant must record;
 * pass `facts` when the caller already loaded them.
 */
export const currentGuidance = async (
  deps: ServiceDeps,
  brand?: string,
  facts?: MeasuredFact[],
): Promise<GuidanceBlock> => refreshGuidance(deps, brand, facts);

export const setGuidanceStatus = async (
  deps: ServiceDeps,
  ref: string,
  status: 'pinned' | 'rejected' | 'active',
): Promise<GuidanceBlock> => {
  const lines = await listGuidanceLines(deps.db, deps.brandSlug);
  const matches = lines.filter(
    (x) => x.id === ref || x.id.replace(/-/g, '').endsWith(ref.replace(/-/g, '').toLowerCase()) || x.ruleKey === ref,
  );
  if (matches.length === 0) {
    throw new NotFoundError(l(`No guidance line "${ref}".`, `Aucune ligne de guide « ${ref} ».`), {
      fix: l('List them with `autoscale insights guidance`.', 'Listez-les avec `autoscale insights guidance`.'),
    });
  }
  if (matches.length > 1) {
    throw new UsageError(l(`"${ref}" matches several guidance lines.`, `« ${ref} » correspond à plusieurs lignes.`), {
      fix: l('Use more characters of the id.', 'Utilisez plus de caractères de l’identifiant.'),
    });
  }
  const line = matches[0]!;
  const w = deps.writer();
  await immediate(deps.db, async (trx) => {
    await updateGuidanceLine(trx, w, line.id, { status });
    await recordAudit(trx, w, {
      entity: 'guidance_line',
      entityId: line.id,
      action: status,
      from: line.status,
      to: status,
    });
    // The owner changed what goes in the prompt: the next refresh must write a new version.
    await clearMark(trx, 'guidance', deps.brandSlug);
  });
  return refreshGuidance(deps);
};
