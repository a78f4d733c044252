// Precision and recall of the linter on the labelled corpus (test/fixtures/lint-corpus).
// Run: npm run build && node bench/lint-corpus.js [--json]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateCorpus } from '../dist/src/content/lint/evaluate.js';

const dir = join(import.meta.dirname, '..', 'test', 'fixtures', 'lint-corpus');
const items = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
const report = evaluateCorpus(items);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const pct = (x) => `${(x * 100).toFixed(1)} %`;
  console.log(`texts ${report.texts} (labelled ${report.labelled}, clean ${report.clean})`);
  console.log(`recall     ${pct(report.recall)}   (target ≥ 95 %)`);
  console.log(`precision  ${pct(report.precision)}`);
  console.log(`false positives on clean texts ${pct(report.falsePositiveRate)}   (target ≤ 5 %)`);
  for (const m of report.missed) console.log(`  missed     ${m.id} ${m.rule}`);
  for (const u of report.unexpected)
    console.log(`  unexpected ${u.id} ${u.rule} ${JSON.stringify(u.excerpt.slice(0, 60))}`);
}
const ok = report.recall >= 0.95 && report.falsePositiveRate <= 0.05;
process.exitCode = ok ? 0 : 1;
