// Writes docs/LINT-RULES.md from the rule catalogue (src/content/lint/*).
// Run: npm run build && node bench/lint-rules-doc.js
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECK_RULES, PHRASE_RULES } from '../dist/src/content/lint/catalogue.js';
import { LEXICON } from '../dist/src/content/lint/lexicon.js';
import { CLICHE_THRESHOLD } from '../dist/src/content/lint/cliche-score.js';

const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ↵ ');
const code = (s) => `\`${esc(s).replace(/`/g, "'")}\``;
const family = (c) =>
  ['calque', 'anglicism', 'france-usage'].includes(c)
    ? 'register'
    : c === 'typography' || c === 'format'
      ? c
      : 'cliché';
const phraseRow = (r) =>
  `| \`${r.id}\` | ${r.lang} | ${r.category} | ${r.severity} | ${r.weight} | ${r.patterns.map(code).join('<br>')}${r.unless ? `<br>*unless:* ${r.unless.map(code).join(', ')}` : ''} | ${esc(r.example)} | ${esc(r.suggestion)}${r.ref ? `<br>*${esc(r.ref)}*` : ''} |`;
const checkRow = (r) =>
  `| \`${r.id}\` | ${r.lang} | ${r.category} | ${r.severity} | ${esc(r.detail)} | ${esc(r.example)} | ${esc(r.suggestion)} |`;

const cliche = PHRASE_RULES.filter((r) => family(r.category) === 'cliché');
const register = PHRASE_RULES.filter((r) => family(r.category) === 'register');
const lines = [
  '# Lint rules',
  '',
  '`autoscale lint [file|-] [--style professional|storytelling|question] [--text-lang fr|en|auto] [--max-warnings N] [--accept words] [--json]`',
  'checks a text. It exits **9** when the text has an error, or more warnings than `--max-warnings` (as in ESLint), so',
  'scripts can use it as a gate; 0 otherwise. `generate` runs the same linter on every variant: its findings feed the',
  'quality score, the gate and the rewrite feedback.',
  '',
  'This page is generated from the catalogue (`src/content/lint/`): `npm run build && node bench/lint-rules-doc.js`.',
  'Edit the rules, not this page.',
  '',
  '## How a text is read',
  '',
  '- **Normalised matching.** The text is cut into tokens that keep their exact span. Words are compared lower-case,',
  "  without accents (« N’hesitez » is « N’hésitez »), with ’ and ' alike, elision and contractions split (« l’ère » is",
  '  « l » + « ère », "don’t" is "don" + "t"), hyphenated words split, and inflection folded by the Snowball stemmers',
  '  (« propulsez », « propulsé », « PROPULSE » are one word). Links, e-mail addresses, hashtags, @mentions, numbers and',
  '  emojis are single tokens and never match words.',
  '- **Patterns** are written in a small language over those tokens: `word` (any inflection), `word*` (prefix), `=word`',
  '  (exact), `(a|b c)` alternatives, `?` optional, `…` / `…N` a gap of up to 6 / N words inside the sentence, `^` / `$`',
  '  start / end of a sentence, `<num>`, `<w>`, `<emoji>`, `[?:]` punctuation. `unless` patterns cancel a finding when',
  '  they match in the same sentence or the next (« Saviez-vous que » followed by a figure or a source is fine).',
  '- **Structural detectors** look at the shape of the text (runs of questions, triads, anaphora, emoji lists…).',
  `- **Stock words** (${LEXICON.fr.length} French, ${LEXICON.en.length} English) are counted by density, never one by one.`,
  '- **The style scorer** (a logistic regression trained on the corpus, weights in `style-weights.json`) catches the',
  '  promotional register that no list of phrases covers.',
  '',
  '## Findings, severities and the cliché score',
  '',
  'Every finding has its rule `id`, `severity`, exact span (`start`, `end`; `line`/`column` in the CLI), the `excerpt`,',
  'a `message` (English and French), a concrete `suggestion`, and for register rules the OQLF source (`ref`).',
  '',
  '- **error**: must not be published as is (clichés, filler, engagement bait, an empty text, a question post that does not end on a question). `lint` exits 9.',
  '- **warning**: should be fixed (Quebec register, medium-strength formulas, generic calls to action, format excess).',
  '- **info**: notes (typography, which `generate` fixes automatically; single stock words; weak hooks).',
  '',
  `The **cliché score** (0–100) adds the weight of every cliché-family finding (a strong pattern weighs 1, a medium one`,
  '0.5, weak signals 0.3 or less; the same phrase repeated counts half; stock words count weight × √(100 ÷ words)) and maps',
  `the sum S to 100·(1 − e^(−0.9·S)). At ${CLICHE_THRESHOLD} and above the text is clichéd: one strong pattern does it alone, weaker`,
  'signals only together (then `cliche-accumulation` is reported). Lint score = 100 − 25 per error − 8 per warning −',
  '1 per typography note.',
  '',
  '**Brand setting:** `brands.<brand>.profile.acceptedWords` lists words (any inflection) or rule ids the brand accepts;',
  'their findings are dropped (`autoscale config set brand.profile.acceptedWords \'["booker"]\'`; `lint --accept` adds more).',
  '',
  `## Cliché phrase rules (${cliche.length})`,
  '',
  '| id | lang | category | severity | weight | patterns | example | suggestion |',
  '|---|---|---|---|---|---|---|---|',
  ...cliche.map(phraseRow),
  '',
  `## Quebec-French register (${register.length})`,
  '',
  'Calques of English, anglicisms and words usual in France but not in Quebec, with the Quebec term to use, after the',
  'OQLF (Banque de dépannage linguistique, Grand dictionnaire terminologique). « portable » (a laptop, in Quebec) is not',
  'flagged; « fermé définitivement » and « prise en charge » are correct and left alone.',
  '',
  '| id | lang | category | severity | weight | patterns | example | suggestion and source |',
  '|---|---|---|---|---|---|---|---|',
  ...register.map(phraseRow),
  '',
  `## Structural detectors, scorers and checks (${CHECK_RULES.length})`,
  '',
  '| id | lang | category | severity | how it works | example | suggestion |',
  '|---|---|---|---|---|---|---|',
  ...CHECK_RULES.map(checkRow),
  '',
  '## Stock words (lexicon)',
  '',
  ...['fr', 'en'].flatMap((lang) => [
    `**${lang}:** ${LEXICON[lang].map((e) => `${e.pattern} (${e.weight})`).join(', ')}`,
    '',
  ]),
  '## Measured quality',
  '',
  'The labelled corpus is in `test/fixtures/lint-corpus/` (splits `dev`, `holdout`, `fresh`; files `<lang>-<label>.json`).',
  '`node bench/lint-corpus.js [path…]` prints recall and false positives per split and language, for this corpus or any',
  'other (JSON array or JSON Lines with `text` and `label`); `test/content/corpus.test.ts` fails the build below the',
  'targets. Figures and method: docs/PERFORMANCE.md, section « Linter ».',
  '',
];
writeFileSync(join(import.meta.dirname, '..', 'docs', 'LINT-RULES.md'), lines.join('\n'));
console.log(`docs/LINT-RULES.md: ${PHRASE_RULES.length} phrase rules, ${CHECK_RULES.length} checks`);
