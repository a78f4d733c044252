import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrandProfile } from '../config/schema.js';
import { seededRandom } from '../domain/random.js';
import { fitHeadline, LENGTH_CHARS, planStructures, type StructurePlan } from '../domain/structure.js';
import { frenchTypography } from '../domain/typography.js';
import { promptsDir } from '../prompts/library.js';
import { zeroUsage, type TextProvider, type TextRequest, type TextResult } from './types.js';

interface TypeTemplates {
  headlines: string[];
  questions: string[];
  /** How a post of this type may open (a FAQ or a poll never opens on a case scene). */
  opening_kinds: StructurePlan['opening'][];
  /** `uses`: what the block repeats, so it is dropped when the opening already said it. */
  blocks: { uses?: 'summary' | 'result' | 'question' | 'topic' | 'lead'; text: string[] }[];
  closing_questions: string[];
  lessons: string[];
}

interface OfflineTemplates {
  version: number;
  openings: { scene: string[]; number: string[]; statement: string[] };
  types: Record<string, TypeTemplates>;
}

const lowerFirst = (s: string) => (s ? s[0]!.toLowerCase() + s.slice(1) : s);
const upperFirst = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

const sentence = (s: string) => (/[.!?…]$/u.test(s.trim()) ? s.trim() : `${s.trim()}.`);
const hasDigit = (s: string | undefined) => /\d/.test(s ?? '');
const shortResult = (s: string) => {
  const first = s.split(/[,.;]/)[0]!.trim();
  return lowerFirst(first);
};

/**
 * Deterministic drafts from the prompt library's offline blocks and the brand profile. No
 * network, no cost; the same request always gives the same text, and another date or topic
 * gives another one. Each variant follows its structure plan (opening, ending, length,
 * numbers, hashtags) and learned guidance moves those plans, so what the loop learns shows in
 * offline drafts too. One case study per post (its client and its own result, never another's),
 * no quotes attributed to anyone, headlines that fit 60 characters at a phrase boundary.
 */
export const createOfflineTextProvider = (dir = promptsDir()): TextProvider => {
  let templates: OfflineTemplates | undefined;
  const load = () => {
    templates ??= JSON.parse(readFileSync(join(dir, 'offline', 'templates.json'), 'utf8')) as OfflineTemplates;
    return templates;
  };
  return {
    id: 'offline',
    model: 'offline-templates-v2',
    offline: true,
    async generate(request: TextRequest): Promise<TextResult> {
      const started = Date.now();
      const t = load();
      const type = t.types[request.contentType];
      if (!type) throw new Error(`No offline template for ${request.contentType}`);
      const plan = request.structure ?? planStructures(request.seed, [request.style])[0]!;
      const french = request.brand.profile.language !== 'en-CA';
      const typo = (s: string) => (french ? frenchTypography(s) : s);
      const finish = (s: string) => typo(s.replace(/\n{3,}/g, '\n\n').trim());
      let draft = request.previous
        ? { text: applyFeedback(request.previous, request.feedback ?? ''), headline: '' }
        : compose(t, type, request, plan, 0);
      // Other block choices when the caller's check refuses a draft (still deterministic).
      for (let attempt = 1; !request.previous && request.acceptable && attempt < 6; attempt += 1) {
        if (request.acceptable(finish(draft.text))) break;
        draft = compose(t, type, request, { ...plan, numbers: attempt > 2 ? true : plan.numbers }, attempt);
      }
      const text = finish(draft.text);
      const headline = draft.headline ? fitHeadline(upperFirst(typo(draft.headline))) : fitHeadline(firstLine(text));
      return {
        draft: { style: request.style, text, headline },
        usage: zeroUsage(),
        model: 'offline-templates-v2',
        latencyMs: Date.now() - started,
      };
    },
  };
};

const firstLine = (text: string) => (/^[^\n]*/.exec(text)?.[0] ?? text).replace(/[.!?…]+$/u, '');

/** One case per post, preferably one the recent posts did not tell. */
const pickCase = (profile: BrandProfile, request: TextRequest) => {
  const cases = profile.caseStudies;
  if (cases.length === 0) return undefined;
  const told = new Set((request.recent ?? []).map((r) => r.caseTitle).filter(Boolean));
  const fresh = cases.filter((c) => !told.has(c.title));
  const pool = fresh.length ? fresh : cases;
  return pool[Math.floor(seededRandom(`case:${request.seed}:${told.size}`)() * pool.length)];
};

const compose = (
  t: OfflineTemplates,
  type: TypeTemplates,
  request: TextRequest,
  plan: StructurePlan,
  attempt: number,
): { text: string; headline: string } => {
  const profile = request.brand.profile;
  // The brand's recent hooks are part of the draw: the same request gives the same draft, but a
  // post written after others (same type, a new date or topic) does not repeat them.
  const history = (request.recent ?? []).map((r) => r.hook).join('|');
  const random = seededRandom(`${request.seed}:${request.style}:${plan.angle}:${history}:${attempt || ''}`);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const cs = pickCase(profile, request);
  const numbered = profile.facts.filter(hasDigit);
  const plain = profile.facts.filter((f) => !hasDigit(f));
  const factPool = plan.numbers ? (numbered.length ? numbered : profile.facts) : plain.length ? plain : profile.facts;
  const fact = pick(factPool);
  const fact2 = pick(profile.facts.filter((f) => f !== fact).length ? profile.facts.filter((f) => f !== fact) : [fact]);
  const topic = request.topic?.trim().replace(/[.\s]+$/u, '');
  const values: Record<string, string> = {
    company: profile.company,
    product: profile.product,
    fact: sentence(fact),
    fact_lc: sentence(lowerFirst(fact)),
    fact2: sentence(fact2),
    fact_number: sentence(numbered.length ? pick(numbered) : fact),
    topic_sentence: topic ? `Le sujet de cette semaine : ${sentence(lowerFirst(topic))}` : sentence(fact),
    case_title: cs?.title ?? profile.company,
    case_industry: cs?.industry ?? 'PME',
    case_city: cs?.city ?? 'Québec',
    case_summary: sentence(cs?.summary ?? fact),
    case_summary_lc: sentence(lowerFirst(cs?.summary ?? fact)),
    case_result: sentence(cs?.result ?? fact),
    case_result_lc: sentence(lowerFirst(cs?.result ?? fact)),
    case_result_short: shortResult(cs?.result ?? fact),
  };
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
  const recentHooks = new Set((request.recent ?? []).map((r) => r.hook.trim()));
  // The opening, avoiding a hook the brand used recently.
  const kind = type.opening_kinds.includes(plan.opening) ? plan.opening : 'statement';
  const openingOptions =
    kind === 'question'
      ? type.questions
      : kind === 'scene'
        ? cs
          ? t.openings.scene
          : t.openings.statement
        : kind === 'number'
          ? t.openings.number
          : topic
            ? ['{topic_sentence}']
            : t.openings.statement.filter((s) => s !== '{topic_sentence}');
  // A type whose first block states its subject (a tip, a myth, a poll) opens with it.
  const lead = type.blocks.find((b) => b.uses === 'lead');
  const candidates = (kind === 'statement' && lead ? lead.text : openingOptions).map(fill);
  const opening =
    candidates.find((c, i) => i >= Math.floor(random() * candidates.length) && !recentHooks.has(c)) ??
    candidates.find((c) => !recentHooks.has(c)) ??
    candidates[0]!;
  const usedSummary = kind === 'scene' && Boolean(cs);
  const usedResult = kind === 'number' && opening === values.case_result;
  // Body blocks by length, skipping what the opening already said.
  const blocks = type.blocks.filter(
    (b) =>
      !(b.uses === 'summary' && usedSummary) &&
      !(b.uses === 'result' && usedResult) &&
      !(b.uses === 'question' && kind === 'question') &&
      !(b.uses === 'lead' && kind === 'statement') &&
      !(b.uses === 'topic' && opening === values.topic_sentence) &&
      !(b.uses === 'result' && !plan.numbers && hasDigit(values.case_result)),
  );
  const wanted = plan.length === 'short' ? 2 : 3;
  const body = [opening];
  if (values.topic_sentence && topic && !opening.includes(topic) && request.contentType !== 'announcement')
    body.push(values.topic_sentence);
  for (const b of blocks.slice(0, wanted)) {
    const p = fill(pick(b.text));
    if (p && !body.some((x) => x.includes(p) || p.includes(x))) body.push(p);
  }
  // A plan the blocks could not fill to its length gets the other facts.
  for (const extra of [values.fact2!, values.fact!]) {
    if (body.join('\n\n').length >= LENGTH_CHARS[plan.length][0] - 120) break;
    if (!body.some((x) => x.includes(extra))) body.push(extra);
  }
  const ending =
    plan.ending === 'question'
      ? [fill(pick(type.closing_questions))]
      : plan.ending === 'lesson'
        ? [fill(pick(type.lessons)), pick(profile.ctas)]
        : [pick(profile.ctas)];
  const tags: string[] = [];
  const pool = [...profile.hashtags];
  while (tags.length < plan.hashtags && pool.length) tags.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  const text = [...body, ...ending, ...(tags.length ? [tags.join(' ')] : [])].join('\n\n');
  // The headline says what the post says: its question when it opens on one, else the type's.
  const headline = kind === 'question' && [...opening].length <= 60 ? opening : fill(pick(type.headlines));
  return { text, headline };
};

/**
 * The offline writer cannot rewrite freely; it honours the common instructions literally
 * so that regenerate-with-feedback still does something visible and predictable.
 */
const applyFeedback = (text: string, feedback: string): string => {
  const f = feedback.toLowerCase();
  let out = text;
  if (/court|short/.test(f)) {
    const paragraphs = out.split('\n\n');
    out = paragraphs.filter((_, i) => i === 0 || i >= paragraphs.length - 2).join('\n\n');
  }
  if (/sans (mots?-clics?|hashtags?)|no hashtags?/.test(f)) out = out.replace(/(^|\n)#\S+( #\S+)*\s*$/g, '').trim();
  return out;
};
