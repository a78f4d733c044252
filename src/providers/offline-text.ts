import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { factText } from '../config/brand-schema.js';
import type { BrandProfile } from '../config/schema.js';
import { seededRandom } from '../domain/random.js';
import { frenchTypography } from '../domain/typography.js';
import { promptsDir } from '../prompts/library.js';
import { zeroUsage, type TextProvider, type TextRequest, type TextResult } from './types.js';

interface OfflineTemplates {
  version: number;
  types: Record<string, Record<string, { headline: string; text: string }>>;
}

const lowerFirst = (s: string) => (s ? s[0]!.toLowerCase() + s.slice(1) : s);
const shortResult = (s: string) => {
  const first = s.split(/[,.;]/)[0]!.trim();
  return first.length <= 48 ? lowerFirst(first) : `${lowerFirst(first.slice(0, 45).replace(/\s+\S*$/, ''))}…`;
};

/**
 * Deterministic drafts from the prompt library's offline templates and the brand profile.
 * No network, no cost; the same request always gives the same text. Used when no text
 * provider key is configured, and labelled as such everywhere.
 */
export const createOfflineTextProvider = (dir = promptsDir()): TextProvider => {
  let templates: OfflineTemplates | undefined;
  const load = () => {
    templates ??= JSON.parse(readFileSync(join(dir, 'offline', 'templates.json'), 'utf8')) as OfflineTemplates;
    return templates;
  };
  return {
    id: 'offline',
    model: 'offline-templates-v1',
    offline: true,
    async generate(request: TextRequest): Promise<TextResult> {
      const started = Date.now();
      const template = load().types[request.contentType]?.[request.style];
      if (!template) throw new Error(`No offline template for ${request.contentType}/${request.style}`);
      const values = placeholderValues(
        request.brand.profile,
        request,
        seededRandom(`${request.seed}:${request.style}`),
      );
      const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
      let text = request.previous ?? fill(template.text);
      if (request.feedback) text = applyFeedback(text, request.feedback);
      text = frenchTypography(text.replace(/\n{3,}/g, '\n\n').trim());
      const filled = frenchTypography(fill(template.headline));
      const headline = (filled[0]?.toUpperCase() ?? '') + filled.slice(1, 80);
      return {
        draft: { style: request.style, text, headline },
        usage: zeroUsage(),
        model: 'offline-templates-v1',
        latencyMs: Date.now() - started,
      };
    },
  };
};

const placeholderValues = (
  profile: BrandProfile,
  request: TextRequest,
  random: () => number,
): Record<string, string> => {
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const cases = profile.caseStudies;
  const facts = profile.facts.map(factText);
  const fact = pick(facts) ?? '';
  const fact2 = pick(facts.filter((f) => f !== fact)) ?? '';
  const cs = pick(cases);
  return {
    company: profile.company,
    product: profile.product,
    fact,
    fact2,
    cta: pick(profile.ctas) ?? '',
    hashtags: profile.hashtags.slice(0, 3).join(' '),
    topic: request.topic ?? '',
    topic_or_fact: request.topic ? `${request.topic.replace(/[.\s]+$/, '')}.` : fact,
    case_title: cs?.title ?? profile.company,
    case_industry: cs?.industry ?? 'PME',
    case_city: cs?.city ?? 'Québec',
    case_summary: cs?.summary ?? '',
    case_summary_lc: lowerFirst(cs?.summary ?? ''),
    case_result: cs?.result ?? fact,
    case_result_lc: lowerFirst(cs?.result ?? fact),
    case_result_short: shortResult(cs?.result ?? fact),
  };
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
