import { z } from 'zod';
import { factText } from '../config/brand-schema.js';
import type { BrandProfile } from '../config/schema.js';
import { describePlan, fitHeadline } from '../domain/structure.js';
import { frenchTypography } from '../domain/typography.js';
import { fillTemplate } from '../prompts/library.js';
import { toStrictJsonSchema } from './json-schema.js';
import { MalformedAnswerError } from './retry.js';
import type { StructuredRequest, StructuredResult, TextRequest, TextResult, Usage } from './types.js';

/**
 * The writer's requests. The system block (role, voice, facts, case studies, calls to action,
 * hashtags, Facebook rules, example posts of every style) is identical for every variant of a
 * brand, so it is sent with a cache mark and read from the prompt cache after the first call.
 * The user message carries what differs per variant: the task, its structure, the recent posts
 * to avoid repeating, learned guidance and revision feedback. The writer plans before it
 * writes and never grades itself: an independent judge does (src/content/judge.ts).
 */
/** The brand profile as prompt placeholders (shared by the writer's and the judge's system blocks). */
export const profileValues = (p: BrandProfile): Record<string, string> => ({
  company: p.company,
  product: p.product,
  audience: p.audience,
  tone: p.tone,
  avoid: p.avoid.join(', '),
  facts: p.facts.map((f) => `- ${factText(f)}`).join('\n') || '- (aucun)',
  caseStudies:
    p.caseStudies
      .map((c) => `- ${c.title} (${c.industry}${c.city ? `, ${c.city}` : ''}) : ${c.summary} Résultat : ${c.result}`)
      .join('\n') || '- (aucune : ne nommez aucun client)',
  ctas: p.ctas.map((c) => `- ${c}`).join('\n'),
  hashtags: p.hashtags.join(' ') || '(aucun)',
  website: p.website ?? '',
});

export const systemPrompt = (request: Pick<TextRequest, 'brand' | 'prompts'>): string =>
  fillTemplate(request.prompts.system.body, {
    ...profileValues(request.brand.profile),
    examples: request.prompts.examples.body,
  });

/** How a post cites its source: « Title » (Publisher), link. */
export const citationLine = (c: NonNullable<TextRequest['citation']>): string =>
  [`« ${c.title} »${c.publisher ? ` (${c.publisher})` : ''}`, c.url].filter(Boolean).join(' — ');

const tag = (name: string, body: string) => (body.trim() ? `<${name}>\n${body.trim()}\n</${name}>` : '');

/** The per-variant instruction, in XML-tagged sections. */
export const userPrompt = (request: TextRequest): string => {
  const style = request.prompts.styles[request.style];
  const recent = (request.recent ?? [])
    .slice(0, 8)
    .map((r) => `- « ${r.hook.slice(0, 140)} »${r.caseTitle ? ` (cas : ${r.caseTitle})` : ''}`)
    .join('\n');
  const parts = [
    tag('content_type', request.prompts.type.body),
    tag('style', style?.body ?? ''),
    tag('structure', request.structure ? describePlan(request.structure) : ''),
    tag('date', `Date de publication visée : ${request.date}.`),
    tag('topic', request.topic ? `Sujet imposé : ${request.topic}` : ''),
    tag('angle', request.angle ? `Angle : ${request.angle}` : ''),
    tag(
      'source',
      request.citation
        ? `Source à citer dans le texte (nom et lien, sans rien inventer de plus que ce titre) : ${citationLine(request.citation)}`
        : '',
    ),
    tag(
      'recent_posts',
      recent
        ? `Accroches et cas des dernières publications de la marque. Prenez une autre accroche et, si possible, un autre cas :\n${recent}`
        : '',
    ),
    tag('guidance', request.guidance ?? ''),
    request.previous
      ? tag(
          'revision',
          `${tag('previous', request.previous)}\n${tag('corrections', request.feedback ? `Appliquez toutes ces corrections :\n${request.feedback}` : '')}`,
        )
      : tag('instructions_from_reviewer', request.feedback ?? ''),
    tag(
      'answer_format',
      'Répondez en JSON. D’abord « plan » : l’angle choisi, le fait ou le cas utilisé (copié des faits ou des études de cas), l’accroche (125 caractères au plus) et l’unique appel à l’action. Puis « text » : la publication complète, qui suit le plan. Puis « headline » : une ligne de 60 caractères au plus pour l’image, une phrase complète.',
    ),
  ];
  return parts.filter(Boolean).join('\n\n');
};

export const writerAnswerSchema = z.object({
  plan: z
    .object({
      angle: z.string().min(3).max(400).describe('The angle of this variant, in a few words.'),
      fact: z.string().max(600).describe('The fact or case study used, copied from the brand profile.'),
      hook: z.string().min(3).max(240).describe('The opening sentence, 125 characters or less.'),
      cta: z.string().max(400).describe('The single call to action (or closing question).'),
    })
    .describe('The plan, written before the post.'),
  text: z
    .string()
    .trim()
    .min(40, 'text is shorter than 40 characters')
    .max(3000, 'text is longer than 3,000 characters')
    .describe('The full Facebook post.'),
  headline: z.string().trim().min(3).max(140).describe('One complete line, 60 characters or less, for the image.'),
});
export type WriterAnswer = z.infer<typeof writerAnswerSchema>;

/** Generated from the zod schema, like the judge's: one definition, no drift. */
export const writerJsonSchema = toStrictJsonSchema(writerAnswerSchema);

/** Drafts a variant through a provider's structured call; shared by Claude and OpenAI-compatible providers. */
export const generateViaStructured = async (
  structured: <T>(r: StructuredRequest<T>) => Promise<StructuredResult<T>>,
  request: TextRequest,
): Promise<TextResult> => {
  const r = await structured({
    purpose: 'variant',
    system: systemPrompt(request),
    user: userPrompt(request),
    schemaName: 'facebook_post',
    jsonSchema: writerJsonSchema,
    parse: (v) => writerAnswerSchema.parse(v),
    maxTokens: 1800,
    signal: request.signal,
    onProgress: request.onProgress,
    onStart: request.onStart,
    onSent: request.onSent,
  });
  const french = request.brand.profile.language !== 'en-CA';
  const typo = (s: string) => (french ? frenchTypography(s) : s);
  return {
    draft: {
      style: request.style,
      text: typo(r.value.text.replace(/\n{3,}/g, '\n\n')),
      headline: fitHeadline(typo(r.value.headline)),
    },
    usage: r.usage,
    model: r.model,
    requestId: r.requestId,
    latencyMs: r.latencyMs,
    reportedCostUsd: r.reportedCostUsd,
    repaired: r.repaired,
    plan: r.value.plan,
  };
};

export const addUsage = (a: Usage, b: Usage): Usage => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
});

export interface RawAnswer {
  /** Decoded JSON when the endpoint delivered an object (tool input), else the text to decode. */
  raw: unknown;
  usage: Usage;
  model: string;
  requestId?: string | undefined;
  reportedCostUsd?: number | undefined;
}

const decode = (raw: unknown): unknown => {
  if (typeof raw !== 'string') return raw;
  const trimmed = raw
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  return JSON.parse(trimmed);
};

const problem = (error: unknown): string => {
  if (error instanceof z.ZodError)
    return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return (error as Error).message;
};

/**
 * One call, and when the answer does not decode or validate, exactly one repair call that
 * shows the model its answer and the problem. A second bad answer is reported, not retried.
 */
export const callWithRepair = async <T>(
  request: StructuredRequest<T>,
  call: (repair: { previous: string; problem: string } | undefined) => Promise<RawAnswer>,
): Promise<StructuredResult<T>> => {
  const started = Date.now();
  const first = await call(undefined);
  try {
    const value = request.parse(decode(first.raw));
    return {
      value,
      usage: first.usage,
      model: first.model,
      requestId: first.requestId,
      latencyMs: Date.now() - started,
      reportedCostUsd: first.reportedCostUsd,
      repaired: false,
    };
  } catch (error) {
    const previous = typeof first.raw === 'string' ? first.raw : JSON.stringify(first.raw);
    const second = await call({ previous: previous.slice(0, 4000), problem: problem(error) });
    const usage = addUsage(first.usage, second.usage);
    const reported =
      first.reportedCostUsd !== undefined || second.reportedCostUsd !== undefined
        ? (first.reportedCostUsd ?? 0) + (second.reportedCostUsd ?? 0)
        : undefined;
    try {
      const value = request.parse(decode(second.raw));
      return {
        value,
        usage,
        model: second.model,
        requestId: second.requestId,
        latencyMs: Date.now() - started,
        reportedCostUsd: reported,
        repaired: true,
      };
    } catch (again) {
      const e = new MalformedAnswerError(
        `answer for ${request.schemaName} still malformed after one repair: ${problem(again)}`,
      );
      (e as MalformedAnswerError & { usage?: Usage }).usage = usage;
      throw e;
    }
  }
};

export const repairMessage = (problemText: string) =>
  `Ta réponse précédente n'est pas conforme (${problemText}). Renvoie uniquement le JSON corrigé, conforme au schéma, sans autre texte.`;
