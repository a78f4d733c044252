import { z } from 'zod';
import { factText } from '../config/brand-schema.js';
import type { BrandProfile } from '../config/schema.js';
import { frenchTypography } from '../domain/typography.js';
import { fillTemplate } from '../prompts/library.js';
import { rubricPrompt } from '../prompts/rubric.js';
import { MalformedAnswerError } from './retry.js';
import type { StructuredRequest, StructuredResult, TextRequest, TextResult, Usage } from './types.js';

/** The brand-voice system block, filled from the brand profile. Identical for every variant of a brand, so it caches. */
export const systemPrompt = (request: Pick<TextRequest, 'brand' | 'prompts'>): string => {
  const p: BrandProfile = request.brand.profile;
  // The rubric lives in the cached block too: it is stable, and the writer, the judge and the
  // rewrites all read it.
  return `${fillBrandVoice(request, p)}\n\nGrille d’évaluation :\n${rubricPrompt()}`;
};

const fillBrandVoice = (request: Pick<TextRequest, 'brand' | 'prompts'>, p: BrandProfile): string => {
  return fillTemplate(request.prompts.system.body, {
    company: p.company,
    product: p.product,
    audience: p.audience,
    tone: p.tone,
    avoid: p.avoid.join(', '),
    facts: p.facts.map((f) => `- ${factText(f)}`).join('\n') || '- (aucun)',
    caseStudies:
      p.caseStudies
        .map((c) => `- ${c.title} (${c.industry}${c.city ? `, ${c.city}` : ''}) : ${c.summary} Résultat : ${c.result}`)
        .join('\n') || '- (aucune)',
    ctas: p.ctas.map((c) => `- ${c}`).join('\n'),
    hashtags: p.hashtags.join(' '),
  });
};

/** The per-variant instruction: content type + style + date/topic, then feedback when revising. */
export const userPrompt = (request: TextRequest): string => {
  const style = request.prompts.styles[request.style];
  const parts = [
    request.prompts.type.body,
    style?.body ?? '',
    `Date de publication visée : ${request.date}.`,
    request.topic ? `Sujet imposé : ${request.topic}` : '',
    request.guidance ?? '',
  ];
  if (request.previous) parts.push(`Version précédente à réviser :\n"""\n${request.previous}\n"""`);
  if (request.feedback) parts.push(`Corrections demandées (appliquez-les toutes) :\n${request.feedback}`);
  if (request.assess) {
    parts.push(
      'Après l’avoir écrite, relis ta publication comme un réviseur exigeant et remplis "assessment" selon la grille d’évaluation.',
    );
    parts.push(
      'Réponds en JSON : {"text": la publication complète, "headline": une ligne de 60 caractères au plus pour l’image, "assessment": la grille remplie}.',
    );
  } else {
    parts.push(
      'Réponds en JSON : {"text": la publication complète, "headline": une ligne de 60 caractères au plus pour l’image}.',
    );
  }
  return parts.filter(Boolean).join('\n\n');
};

export const variantAnswerSchema = z.object({
  text: z
    .string()
    .trim()
    .min(40, 'text is shorter than 40 characters')
    .max(3000, 'text is longer than 3,000 characters'),
  headline: z.string().trim().min(3).max(120),
});

export const variantJsonSchema = {
  type: 'object',
  properties: {
    text: { type: 'string', description: 'The full Facebook post, in Quebec French.' },
    headline: { type: 'string', description: 'One line (60 characters at most) for the image overlay.' },
  },
  required: ['text', 'headline'],
  additionalProperties: false,
} as const;

const score = z.number().min(0).max(100);
export const draftAssessmentSchema = z.object({
  naturalness: score,
  specificity: score,
  quebec_french: score,
  hook: score,
  call_to_action: score,
  facebook_compliance: score,
  reasons: z.array(z.string()).max(12),
});

const assessmentProperties = Object.fromEntries(
  ['naturalness', 'specificity', 'quebec_french', 'hook', 'call_to_action', 'facebook_compliance'].map((k) => [
    k,
    { type: 'integer', minimum: 0, maximum: 100 },
  ]),
);
export const variantWithAssessmentJsonSchema = {
  type: 'object',
  properties: {
    ...variantJsonSchema.properties,
    assessment: {
      type: 'object',
      properties: { ...assessmentProperties, reasons: { type: 'array', items: { type: 'string' } } },
      required: [...Object.keys(assessmentProperties), 'reasons'],
      additionalProperties: false,
    },
  },
  required: ['text', 'headline', 'assessment'],
  additionalProperties: false,
} as const;

/** Drafts a variant through a provider's structured call; shared by Claude and OpenAI-compatible providers. */
export const generateViaStructured = async (
  structured: <T>(r: StructuredRequest<T>) => Promise<StructuredResult<T>>,
  request: TextRequest,
): Promise<TextResult> => {
  const withAssessment = Boolean(request.assess);
  const r = await structured({
    purpose: 'variant',
    system: systemPrompt(request),
    user: userPrompt(request),
    schemaName: 'facebook_post',
    jsonSchema: withAssessment ? variantWithAssessmentJsonSchema : variantJsonSchema,
    parse: (v) =>
      withAssessment
        ? variantAnswerSchema.extend({ assessment: draftAssessmentSchema }).parse(v)
        : variantAnswerSchema.parse(v),
    maxTokens: 1500,
    signal: request.signal,
    onProgress: request.onProgress,
    onStart: request.onStart,
  });
  const headline = frenchTypography(r.value.headline).slice(0, 80);
  return {
    draft: { style: request.style, text: frenchTypography(r.value.text.replace(/\n{3,}/g, '\n\n')), headline },
    usage: r.usage,
    model: r.model,
    requestId: r.requestId,
    latencyMs: r.latencyMs,
    reportedCostUsd: r.reportedCostUsd,
    repaired: r.repaired,
    assessment: 'assessment' in r.value ? (r.value as { assessment: TextResult['assessment'] }).assessment : undefined,
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
