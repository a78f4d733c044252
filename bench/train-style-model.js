// Trains the style scorer (src/content/lint/style-model.ts) on the training split of the corpus
// and writes its weights to src/content/lint/style-weights.json. The decision threshold is the
// lowest one whose out-of-fold false-positive rate (5-fold cross-validation on the same split)
// stays at or under 5 % (the target) in both languages, so no held-out text is used to choose it.
// Run: npm run build && node bench/train-style-model.js [training folder]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sentences, tokenize } from '../dist/src/content/lint/normalize.js';
import { styleFeatures, styleProbability } from '../dist/src/content/lint/style-model.js';
import { trainStyleModel } from '../dist/src/content/lint/style-train.js';

const root = join(import.meta.dirname, '..');
const dir = process.argv[2] ?? join(root, 'test', 'fixtures', 'lint-corpus', 'dev');
const load = (p) =>
  statSync(p).isDirectory()
    ? readdirSync(p).flatMap((f) => load(join(p, f)))
    : p.endsWith('.json')
      ? JSON.parse(readFileSync(p, 'utf8'))
      : [];
const rows = load(dir).map((t, i) => {
  const tokens = tokenize(t.text, t.lang);
  return {
    x: styleFeatures(t.text, tokens, sentences(tokens), t.lang),
    y: t.label === 'cliche' ? 1 : 0,
    lang: t.lang,
    fold: i % 5,
  };
});

const oof = [];
for (let f = 0; f < 5; f += 1) {
  const w = trainStyleModel(
    rows.filter((r) => r.fold !== f),
    { trainedOn: 'cv' },
  );
  for (const r of rows.filter((x) => x.fold === f)) oof.push({ p: styleProbability(r.x, w), y: r.y, lang: r.lang });
}
const fpAt = (th, lang) => {
  const neg = oof.filter((o) => o.lang === lang && !o.y);
  return neg.filter((o) => o.p >= th).length / Math.max(1, neg.length);
};
const candidates = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
const threshold = candidates.find((th) => fpAt(th, 'fr') <= 0.05 && fpAt(th, 'en') <= 0.05) ?? 0.9;
const weights = trainStyleModel(rows, { trainedOn: relative(root, dir), threshold });
writeFileSync(join(root, 'src', 'content', 'lint', 'style-weights.json'), `${JSON.stringify(weights, null, 2)}\n`);
console.log(`trained on ${rows.length} texts from ${relative(root, dir)}; threshold ${threshold}`);
for (const lang of ['fr', 'en']) {
  const s = oof.filter((o) => o.lang === lang);
  const pos = s.filter((o) => o.y);
  console.log(
    `${lang}: out-of-fold recall ${((100 * pos.filter((o) => o.p >= threshold).length) / pos.length).toFixed(1)} %, false positives ${(100 * fpAt(threshold, lang)).toFixed(1)} %`,
  );
}
