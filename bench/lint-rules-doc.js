// Writes docs/LINT-RULES.md from the rule catalogue (src/content/lint/catalogue.ts).
// Run: npm run build && node bench/lint-rules-doc.js
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECK_RULES, PHRASE_RULES } from '../dist/src/content/lint/catalogue.js';

const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const lines = [
  '# Lint rules',
  '',
  '`autoscale lint [file|-] [--style professional|storytelling|question] [--text-lang fr|en|auto] [--json]` checks a text;',
  '`generate` runs the same linter on every variant, and its findings feed the quality score and the rewrite feedback.',
  '',
  'The catalogue is data: `src/content/lint/catalogue.ts`. This page is generated from it',
  '(`npm run build && node bench/lint-rules-doc.js`); edit the catalogue, not this page.',
  '',
  '## How findings are reported',
  '',
  'Each finding has the rule `id`, a `severity`, the exact span (`start`, `end` character offsets, plus `line`/`column` in',
  'the CLI output), the `excerpt` at that span, a `message` (English and French) and a `suggestion`.',
  '',
  '- **error**: must not be published as is (AI clichés, filler, engagement bait, more than 3 hashtags, a question post that does not end with a question).',
  '- **warning**: should be fixed (anglicisms, France-only usage, generic calls to action, dash/emoji/exclamation overuse, weak hook, length).',
  '- **info**: French typography (OQLF no-break spaces, guillemets, title case). `generate` fixes typography automatically;',
  '  infos cost 2 points of lint score and never count as false positives in the corpus.',
  '',
  'Lint score = 100 − 25 per error − 10 per warning − 2 per info, floored at 0.',
  '',
  'Language: phrase rules apply to their language only; the language is detected from common function words',
  "(`--text-lang` forces it). Matching is case-insensitive, on word boundaries, with `'` matching `’` and a space matching any",
  'run of spaces (including no-break spaces).',
  '',
  '## Phrase rules',
  '',
  '| id | lang | category | severity | matches (regular expressions) | message | suggestion |',
  '|---|---|---|---|---|---|---|',
  ...PHRASE_RULES.map(
    (r) =>
      `| \`${r.id}\` | ${r.lang} | ${r.category} | ${r.severity} | ${r.patterns.map((p) => `\`${esc(p)}\``).join(', ')} | ${esc(r.message.en)} | ${esc(r.suggestion)} |`,
  ),
  '',
  '## Check rules',
  '',
  '| id | lang | category | severity | limits | message | suggestion |',
  '|---|---|---|---|---|---|---|',
  ...CHECK_RULES.map(
    (r) =>
      `| \`${r.id}\` | ${r.lang} | ${r.category} | ${r.severity} | ${r.params ? `\`${esc(JSON.stringify(r.params))}\`` : ''} | ${esc(r.message.en)} | ${esc(r.suggestion)} |`,
  ),
  '',
  'Details of the checks:',
  '',
  '- `em-dash-overuse`: counts `—` and a spaced `–`; the second and later ones are reported.',
  '- `hashtag-excess`, `emoji-excess`, `exclamation-overuse`: every occurrence past the limit is reported (a run like `!!!` counts once but is itself reported as overuse when it is the second).',
  '- `hook-first-line`: the opening sentence (up to the first `.`, `?`, `!`, `:` or line break) is a greeting or self-introduction ("Bonjour", "Nous sommes", "Chez X, nous", "Hello", "We are"...) or longer than the limit.',
  '- `question-ending` (style `question` only): the last paragraph, hashtags excluded, must hold a `?` or a call-to-action verb.',
  '- `length-bounds` (with a style only): characters of the whole text, hashtags included.',
  '- `fr-typo-space-before`: `:` `;` `!` `?` must follow a no-break space (U+00A0 or U+202F); times (10:30), URLs and runs like `?!` are exempt.',
  '- `fr-typo-quotes`: straight double quotes, or « » without no-break spaces inside.',
  '- `fr-typo-title-case`: a short first line where every word of 4+ letters after the first is capitalised.',
  '',
  '## Measured quality',
  '',
  'The labelled corpus is in `test/fixtures/lint-corpus/` (`fr-cliche.json`, `fr-clean.json`, `en-cliche.json`, `en-clean.json`):',
  'each entry has `id`, `text`, an optional `style`, and `expect`, the rule ids a correct linter reports (empty for clean texts).',
  '`node bench/lint-corpus.js` prints recall (expected labels found), precision (reported errors/warnings that were expected)',
  'and the false-positive rate on clean texts; `test/content/lint.test.ts` fails the build below the targets',
  '(recall ≥ 95 %, false positives ≤ 5 %). See docs/perf/content.md for the current figures and their limits.',
  '',
];
writeFileSync(join(import.meta.dirname, '..', 'docs', 'LINT-RULES.md'), lines.join('\n'));
console.log(`docs/LINT-RULES.md: ${PHRASE_RULES.length} phrase rules, ${CHECK_RULES.length} check rules`);
