import { z } from 'zod';
import { toStrictJsonSchema } from '../providers/json-schema.js';

/**
 * The judge's answer, defined once: the zod schema validates it and its JSON Schema (sent to the
 * model as structured output or a forced tool) is generated from it with `z.toJSONSchema()`, so
 * the two can never drift. Providers adapt the JSON Schema to what their API accepts (the
 * Anthropic provider moves numeric bounds into descriptions, as the SDK does).
 */
const score = (what: string) => z.number().int().min(0).max(100).describe(what);
const quote = z.string().min(1).max(300).describe('The passage, copied word for word from the post.');

export const judgeVerdictSchema = z.object({
  naturalness: score('Human, natural tone with no machine-written turns (rubric anchors 95 / 70 / 40).'),
  specificity: score('Verifiable facts from the brand facts and case studies only.'),
  quebec_french: score('Natural Quebec French and OQLF typography.'),
  hook: score('The first sentence stops the scroll.'),
  call_to_action: score('One clear action or a real open question.'),
  facebook_compliance: score('No engagement bait, no guaranteed result, 0–2 hashtags.'),
  cliche_spans: z
    .array(z.object({ quote, why: z.string().min(1).max(300) }))
    .max(20)
    .describe('Every passage that sounds machine-written; empty when the post is natural.'),
  quebec_french_issues: z
    .array(z.object({ quote, issue: z.string().min(1).max(300), suggestion: z.string().max(300) }))
    .max(20)
    .describe('Calques, anglicisms, France-only words and OQLF typography problems.'),
  reasons: z.array(z.string().min(1).max(400)).max(12).describe('Main weaknesses, one sentence each, in French.'),
});

export type JudgeAnswer = z.infer<typeof judgeVerdictSchema>;

export const judgeJsonSchema = toStrictJsonSchema(judgeVerdictSchema);
