import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { judgeJsonSchema, judgeVerdictSchema } from '../../src/content/judge-schema.js';
import {
  deterministicVerdict,
  isNatural,
  judgeRequest,
  locate,
  verdictFromAnswer,
  withLintEvidence,
} from '../../src/content/judge.js';
import { lintText } from '../../src/content/lint/engine.js';
import { evaluateDraft } from '../../src/content/quality.js';
import { writerAnswerSchema, writerJsonSchema } from '../../src/providers/compose.js';
import { acceptsTemperature } from '../../src/providers/model-caps.js';
import { buildInitialConfig } from '../../src/services/init-service.js';

const brand = buildInitialConfig({}).brands['autoscale-ai']!;
const CLEAN =
  'Mardi dernier, 17 h 40 : à la clinique dentaire des Érables, à Laval, deux lignes sonnaient pendant que Sophie servait trois patients.\n\nEn octobre, 38 rendez-vous ont été pris par la réceptionniste IA, dont 11 après la fermeture.\n\nÉcrivez-nous « DÉMO » en message privé pour l’entendre répondre.';
const answer = {
  naturalness: 97,
  specificity: 95,
  quebec_french: 96,
  hook: 94,
  call_to_action: 95,
  facebook_compliance: 100,
  cliche_spans: [],
  quebec_french_issues: [],
  reasons: [],
};

describe('one schema per answer, JSON Schema generated from zod', () => {
  it('the judge’s JSON Schema is z.toJSONSchema of its zod schema (no drift, no hand-written copy)', () => {
    const { $schema: _d, ...generated } = z.toJSONSchema(judgeVerdictSchema) as Record<string, unknown>;
    expect(judgeJsonSchema).toEqual(generated);
    expect(judgeVerdictSchema.safeParse({ ...answer, naturalness: 101 }).success).toBe(false);
    expect(judgeVerdictSchema.safeParse({ ...answer, reasons: Array(13).fill('x') }).success).toBe(false);
    const { $schema: _w, ...writer } = z.toJSONSchema(writerAnswerSchema) as Record<string, unknown>;
    expect(writerJsonSchema).toEqual(writer);
  });

  it('the judge asks for temperature 0; providers send it only where the model accepts it', () => {
    expect(judgeRequest({ brand, text: CLEAN, style: 'storytelling', contentType: 'case_study' }).temperature).toBe(0);
    expect(acceptsTemperature('anthropic', 'claude-sonnet-4-6')).toBe(true);
    expect(acceptsTemperature('anthropic', 'claude-sonnet-5')).toBe(false);
    expect(acceptsTemperature('anthropic', 'claude-opus-5-5')).toBe(false);
    expect(acceptsTemperature('openai', 'gpt-5-mini')).toBe(false);
    expect(acceptsTemperature('openai', 'gpt-4.1-mini')).toBe(true);
  });
});

describe('verdicts', () => {
  it('locates the judge’s quotes even with other apostrophes, accents or spacing', () => {
    const text = 'C’est bien plus qu’un répondeur.';
    expect(locate(text, "c'est bien plus qu'un")).toEqual({ start: 0, end: 21 });
    expect(locate(text, 'absent')).toEqual({ start: -1, end: -1 });
  });

  it('a clean, concrete post can reach 95+ without a model (no cap makes it unreachable)', () => {
    const v = deterministicVerdict(CLEAN, lintText(CLEAN));
    expect(v.method).toBe('deterministic');
    expect(v.score).toBeGreaterThanOrEqual(95);
    expect(isNatural(v)).toBe(true);
    const report = evaluateDraft({
      text: CLEAN,
      style: 'storytelling',
      contentType: 'case_study',
      threshold: 75,
      similarityThreshold: 0.85,
    });
    expect(report.passed).toBe(true);
    expect(report.judge.note).toMatch(/deterministic/);
  });

  it('the model’s scores stand unless the linter proves a cliché', () => {
    const llm = verdictFromAnswer(answer, CLEAN);
    expect(withLintEvidence(llm, lintText(CLEAN)).naturalness).toBe(97);
    const cliche = `Dans un monde en constante évolution, ${CLEAN}`;
    const capped = withLintEvidence(verdictFromAnswer(answer, cliche), lintText(cliche));
    expect(capped.naturalness).toBeLessThan(95);
    expect(capped.clicheSpans.some((s) => s.source === 'lint')).toBe(true);
    expect(isNatural(capped)).toBe(false);
  });

  it('an empty or tiny text cannot pass the gate; a 27-character one does not score like a post', () => {
    for (const text of ['', 'Appelez-nous dès maintenant']) {
      const r = evaluateDraft({
        text,
        style: 'professional',
        contentType: 'tip',
        threshold: 75,
        similarityThreshold: 0.85,
      });
      expect(r.passed).toBe(false);
      expect(r.flags).toContain('too-short');
    }
  });
});
