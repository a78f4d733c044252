import { defineCommand } from '../src/cli/command-def.js';
import { EXPORT_FORMATS } from '../src/cli/file-formats.js';
import { choice, date, text } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const exportCommand = defineCommand({
  name: 'export',
  summary: l(
    'Export posts, variants, publications and metric snapshots (CSV or JSON)',
    'Exporter publications, variantes, publications Facebook et mesures (CSV ou JSON)',
  ),
  description: l(
    "CSV: one row per post (chosen variant, publication, 24 h and 7 d metrics), the same columns `autoscale import` reads. JSON: the same rows with every variant, publication attempt and snapshot nested. --from/--to filter on the post's creation date (local, inclusive).",
    'CSV : une ligne par publication (variante choisie, publication, mesures 24 h et 7 j), les colonnes que lit `autoscale import`. JSON : les mêmes lignes avec chaque variante, tentative de publication et relevé imbriqués. --from/--to filtrent sur la date de création (locale, incluse).',
  ),
  options: {
    format: choice(
      '--format <format>',
      l(
        "csv or json (default: from --out's extension, else csv)",
        'csv ou json (par défaut : selon l’extension de --out, sinon csv)',
      ),
      EXPORT_FORMATS,
    ),
    from: date('--from <date>', l('first local day (YYYY-MM-DD)', 'premier jour local (AAAA-MM-JJ)')),
    to: date('--to <date>', l('last local day, inclusive', 'dernier jour local, inclus')),
    out: text('--out <file>', l('write to a file instead of stdout', 'écrire dans un fichier plutôt que sur stdout')),
  },
  examples: [
    {
      command: 'autoscale export --format csv --out posts.csv',
      description: l('everything, for a spreadsheet', 'tout, pour un tableur'),
    },
    {
      command: 'autoscale export --format json --from 2026-01-01 --to 2026-03-31',
      description: l('one quarter as JSON', 'un trimestre en JSON'),
    },
  ],
  run: async (ctx, _args, opts) => {
    const { runExport } = await import('../src/cli/handlers/transfer-handlers.js');
    await runExport(ctx, opts);
  },
});

export const importCommand = defineCommand({
  name: 'import',
  args: ['<file>'],
  summary: l(
    'Import posts from CSV or JSON (drafts to review, or published history with metrics)',
    'Importer des publications depuis CSV ou JSON (à réviser, ou historique publié avec mesures)',
  ),
  description: l(
    'Columns: content_type and text required; optional style, headline, topic, target_date, prompt_version, quality_score, published_at, fb_post_id, permalink, and views/unique_viewers/reactions/comments/shares/clicks with _24h or _7d. Rows without published_at enter as in_review; with it, as published history (measured when metrics are given). Every row is validated first: one bad row rejects the file, with line numbers, and nothing is written.',
    'Colonnes : content_type et text obligatoires; facultatives style, headline, topic, target_date, prompt_version, quality_score, published_at, fb_post_id, permalink, et views/unique_viewers/reactions/comments/shares/clicks avec _24h ou _7d. Sans published_at, la publication entre en révision (in_review); avec, comme historique publié (mesuré si des mesures sont fournies). Tout est validé d’abord : une ligne fautive rejette le fichier, avec les numéros de ligne, et rien n’est écrit.',
  ),
  examples: [
    {
      command: 'autoscale import old-posts.csv',
      description: l('history from another tool', 'l’historique d’un autre outil'),
    },
    { command: 'autoscale import ideas.json', description: l('drafts to review', 'des brouillons à réviser') },
  ],
  run: async (ctx, [file]) => {
    const { runImport } = await import('../src/cli/handlers/transfer-handlers.js');
    await runImport(ctx, file);
  },
});
