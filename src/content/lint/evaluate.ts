import { lintText } from './engine.js';

export interface LabelledText {
  id: string;
  text: string;
  style?: string;
  /** Rule ids a correct linter reports on this text (empty or absent: a clean text). */
  expect?: string[];
}

export interface CorpusReport {
  texts: number;
  labelled: number;
  clean: number;
  /** Expected (text, rule) labels found / all labels. */
  recall: number;
  /** Reported (text, rule) pairs that were expected / all reported pairs (errors and warnings, plus labelled infos). */
  precision: number;
  /** Clean texts with at least one error or warning / clean texts. */
  falsePositiveRate: number;
  missed: { id: string; rule: string }[];
  unexpected: { id: string; rule: string; excerpt: string }[];
}

/** Scores the linter on a labelled corpus (test/fixtures/lint-corpus). */
export const evaluateCorpus = (items: LabelledText[]): CorpusReport => {
  let labels = 0;
  let found = 0;
  let reported = 0;
  let correct = 0;
  let cleanTexts = 0;
  let cleanFlagged = 0;
  const missed: CorpusReport['missed'] = [];
  const unexpected: CorpusReport['unexpected'] = [];
  for (const item of items) {
    const expect = new Set(item.expect ?? []);
    const result = lintText(item.text, { style: item.style });
    const byRule = new Map<string, string>();
    for (const f of result.findings) if (f.severity !== 'info' || expect.has(f.rule)) byRule.set(f.rule, f.excerpt);
    labels += expect.size;
    for (const rule of expect) {
      if (byRule.has(rule)) found += 1;
      else missed.push({ id: item.id, rule });
    }
    reported += byRule.size;
    for (const [rule, excerpt] of byRule) {
      if (expect.has(rule)) correct += 1;
      else unexpected.push({ id: item.id, rule, excerpt });
    }
    if (expect.size === 0) {
      cleanTexts += 1;
      if (byRule.size > 0) cleanFlagged += 1;
    }
  }
  return {
    texts: items.length,
    labelled: items.length - cleanTexts,
    clean: cleanTexts,
    recall: labels ? found / labels : 1,
    precision: reported ? correct / reported : 1,
    falsePositiveRate: cleanTexts ? cleanFlagged / cleanTexts : 0,
    missed,
    unexpected,
  };
};
