import { createHash } from 'node:crypto';
import { NotFoundError, UsageError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import { featuresOf, type PostFact } from '../measure/facts.js';
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
import { deriveGuidance, isPromptRule } from './guidance.js';
import { brandOf, measuredFacts } from './learning-facts.js';
import type { GuidanceLineRecord } from '../domain/learning.js';

export interface GuidanceLine {
  id: string;
  ruleKey: string;
  status: 'active' | 'pinned' | 'rejected' | 'stale';
  text: Localized;
  forPrompt: boolean;
  evidence: unknown;
}

const toLine = (r: GuidanceLineRecord): GuidanceLine => ({
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
 * Re-derives the lessons, keeps the owner's pins and rejections, and writes a new guidance
 * version only when the set of lines in the prompt changed.
 */
export const refreshGuidance = async (deps: ServiceDeps, slug?: string, facts?: PostFact[]): Promise<GuidanceBlock> => {
  const { slug: s, brand } = brandOf(deps, slug);
  const measured = facts ?? (await measuredFacts(deps, s));
  const derived = deriveGuidance(measured.map((f) => ({ features: featuresOf(f), rate: f.rate! })));
  const w = deps.writer();
  return immediate(deps.db, async (trx) => {
    const existing = new Map((await listGuidanceLines(trx, s)).map((r) => [r.ruleKey, r]));
    const seen = new Set<string>();
    for (const rule of derived) {
      seen.add(rule.ruleKey);
      const old = existing.get(rule.ruleKey);
      if (!old) {
        await insertGuidanceLine(trx, w, {
          brand: s,
          ruleKey: rule.ruleKey,
          status: 'active',
          textFr: rule.textFr,
          textEn: rule.textEn,
          evidence: rule.evidence,
        });
      } else if (
        old.textFr !== rule.textFr ||
        old.evidence !== JSON.stringify(rule.evidence) ||
        old.status === 'stale'
      ) {
        await updateGuidanceLine(trx, w, old.id, {
          status: old.status === 'stale' ? 'active' : old.status,
          textFr: rule.textFr,
          textEn: rule.textEn,
          evidence: rule.evidence,
        });
      }
    }
    for (const [key, row] of existing)
      if (!seen.has(key) && row.status === 'active') await updateGuidanceLine(trx, w, row.id, { status: 'stale' });
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
export const currentGuidance = async (deps: ServiceDeps, brand?: string, facts?: PostFact[]): Promise<GuidanceBlock> =>
  refreshGuidance(deps, brand, facts);

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
  });
  return refreshGuidance(deps);
};
