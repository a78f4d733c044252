// Recall and false positives of the linter on a labelled corpus, per language and per split.
// Run: npm run build && node bench/lint-corpus.js [path ...] [--json]
// A path is a folder (read recursively) or a file: a JSON array, or JSON Lines. Each item has
// `text` and a label the evaluation understands: `label` ("cliche"/"clean", also "ai"/"human"),
// `cliche: true|false`, or `expect: [rule ids]` (non-empty = clichéd); `lang` is optional.
// Without a path: test/fixtures/lint-corpus (dev, holdout and fresh splits). Exit 1 when a
// language misses a target (recall ≥ 95 %, false positives ≤ 5 %).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { evaluateCorpus } from '../dist/src/content/lint/evaluate.js';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const paths = args.length ? args : [join(root, 'test', 'fixtures', 'lint-corpus')];

const readItems = (file) => {
  const raw = readFileSync(file, 'utf8').trim();
  if (!raw) return [];
  if (file.endsWith('.jsonl') || (!raw.startsWith('[') && raw.includes('\n{')))
    return raw
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  const parsed = JSON.parse(raw);
  return Array.isArray(parsed) ? parsed : (parsed.items ?? parsed.texts ?? []);
};

/** Files by split: the name of the folder right under the corpus root, else the file's folder. */
const collect = (path, split, out) => {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      const child = join(path, name);
      collect(child, split ?? (statSync(child).isDirectory() ? name : basename(path)), out);
    }
  } else if (/\.(json|jsonl)$/.test(path)) {
    for (const item of readItems(path)) out.push({ ...item, split: split ?? basename(path) });
  }
  return out;
};

const items = paths.flatMap((p) => collect(p, undefined, []));
const splits = [...new Set(items.map((i) => i.split))];
const reports = Object.fromEntries(splits.map((s) => [s, evaluateCorpus(items.filter((i) => i.split === s))]));
reports.all = evaluateCorpus(items);

const pct = (x) => `${(x * 100).toFixed(1)} %`;
let ok = true;
for (const r of Object.values(reports))
  for (const lang of Object.values(r.byLang)) if (lang.recall < 0.95 || lang.falsePositiveRate > 0.05) ok = false;

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(reports, null, 2));
} else {
  console.log(`corpus: ${paths.map((p) => relative(process.cwd(), p) || '.').join(', ')}`);
  console.log('split     lang  clichéd  clean  recall   false pos.  strict f.p.');
  for (const [name, r] of Object.entries(reports)) {
    for (const [lang, x] of Object.entries(r.byLang)) {
      console.log(
        `${name.padEnd(9)} ${lang.padEnd(5)} ${String(x.cliched).padStart(7)}  ${String(x.clean).padStart(5)}  ${pct(x.recall).padStart(7)}  ${pct(x.falsePositiveRate).padStart(9)}  ${pct(x.strictFalsePositiveRate).padStart(10)}`,
      );
    }
  }
  console.log('targets: recall ≥ 95 %, false positives ≤ 5 % (per language); strict f.p. counts any error or warning');
  for (const m of reports.all.missed) console.log(`  missed      ${m.id} (cliché score ${m.score})`);
  for (const f of reports.all.falseAlarms)
    console.log(`  false alarm ${f.id}: ${f.findings.join(' | ').slice(0, 120)}`);
}
process.exitCode = ok ? 0 : 1;
