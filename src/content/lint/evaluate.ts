import { familyOf } from './rule-types.js';
import { lintText, type LintResult } from './engine.js';

/**
 * Scores the linter on a labelled corpus: does it call clichéd texts clichéd and leave clean
 * ones alone? A text is *flagged* when the linter reports at least one error of the cliché
 * family (a strong pattern, a structure, or the accumulation of weaker signals). Accepts the
 * shapes a corpus may come in: `label` ("cliche"/"clichéd"/"ai" vs "clean"/"human"),
 * `cliche: boolean`, or `expect: [rule ids]` (non-empty = clichéd).
 */
export interface LabelledText {
  id?: string;
  text: string;
  lang?: string;
  style?: string;
  label?: string;
  cliche?: boolean;
  expect?: string[];
}

export interface TextVerdict {
  id: string;
  lang: 'fr' | 'en';
  expected: boolean;
  flagged: boolean;
  score: number;
  /** Errors and warnings of any family (for the strict false-positive rate). */
  findings: string[];
}

export interface LangReport {
  cliched: number;
  clean: number;
  /** Clichéd texts flagged ÷ clichéd texts. */
  recall: number;
  /** Clean texts flagged ÷ clean texts. */
  falsePositiveRate: number;
  /** Clean texts with any error or warning (register, format included) ÷ clean texts. */
  strictFalsePositiveRate: number;
}

export interface CorpusReport {
  texts: number;
  byLang: Partial<Record<'fr' | 'en', LangReport>>;
  overall: LangReport;
  missed: TextVerdict[];
  falseAlarms: TextVerdict[];
}

const CLICHE_LABELS = new Set([
  'cliche',
  'cliché',
  'cliched',
  'clichéd',
  'ai',
  'machine',
  'generated',
  'bad',
  'positive',
  '1',
]);
const CLEAN_LABELS = new Set(['clean', 'human', 'natural', 'good', 'negative', '0']);

/** The label of one item, or undefined when it has none the evaluation understands. */
export const expectedCliche = (item: LabelledText): boolean | undefined => {
  if (typeof item.cliche === 'boolean') return item.cliche;
  const label = item.label?.toString().trim().toLowerCase();
  if (label && CLICHE_LABELS.has(label)) return true;
  if (label && CLEAN_LABELS.has(label)) return false;
  if (Array.isArray(item.expect)) return item.expect.length > 0;
  return undefined;
};

export const isFlagged = (result: LintResult): boolean =>
  result.findings.some((f) => f.severity === 'error' && familyOf(f.category) === 'cliche');

const langOf = (item: LabelledText): 'fr' | 'en' | 'auto' => {
  const l = item.lang?.toLowerCase() ?? '';
  return l.startsWith('fr') ? 'fr' : l.startsWith('en') ? 'en' : 'auto';
};

const report = (verdicts: TextVerdict[]): LangReport => {
  const pos = verdicts.filter((v) => v.expected);
  const neg = verdicts.filter((v) => !v.expected);
  return {
    cliched: pos.length,
    clean: neg.length,
    recall: pos.length ? pos.filter((v) => v.flagged).length / pos.length : 1,
    falsePositiveRate: neg.length ? neg.filter((v) => v.flagged).length / neg.length : 0,
    strictFalsePositiveRate: neg.length ? neg.filter((v) => v.findings.length > 0).length / neg.length : 0,
  };
};

export const evaluateCorpus = (items: LabelledText[]): CorpusReport => {
  const verdicts: TextVerdict[] = [];
  for (const [i, item] of items.entries()) {
    const expected = expectedCliche(item);
    if (expected === undefined || typeof item.text !== 'string') continue;
    const result = lintText(item.text, { style: item.style, lang: langOf(item) });
    verdicts.push({
      id: item.id ?? `#${i + 1}`,
      lang: result.lang,
      expected,
      flagged: isFlagged(result),
      score: result.cliche.score,
      findings: result.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}: ${f.excerpt.slice(0, 60)}`),
    });
  }
  const byLang: CorpusReport['byLang'] = {};
  for (const lang of ['fr', 'en'] as const) {
    const subset = verdicts.filter((v) => v.lang === lang);
    if (subset.length) byLang[lang] = report(subset);
  }
  return {
    texts: verdicts.length,
    byLang,
    overall: report(verdicts),
    missed: verdicts.filter((v) => v.expected && !v.flagged),
    falseAlarms: verdicts.filter((v) => !v.expected && v.flagged),
  };
};
