import { defineCommand } from '../src/cli/command-def.js';
import { REPORT_FORMATS } from '../src/cli/file-formats.js';
import { choice, date, flag, text } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const reportCommand = defineCommand({
  name: 'report',
  summary: l(
    'Weekly performance report: KPIs vs targets, trends, best and worst posts',
    'Rapport de performance : indicateurs vs objectifs, tendances, meilleures et moins bonnes publications',
  ),
  description: l(
    "Report on a period in the brand's time zone: --week is the last complete Monday–Sunday week (relative to --now); --from/--to pick any dates (inclusive). Every number states its basis; missing data is shown as such, never as zero.",
    'Rapport sur une période dans le fuseau de la marque : --week est la dernière semaine complète du lundi au dimanche (par rapport à --now); --from/--to choisissent des dates (incluses). Chaque chiffre indique sa base; les données manquantes sont signalées, jamais montrées comme zéro.',
  ),
  options: {
    week: flag('--week', l('the last complete week (default)', 'la dernière semaine complète (par défaut)')),
    from: date('--from <date>', l('first local day (YYYY-MM-DD)', 'premier jour local (AAAA-MM-JJ)')),
    to: date('--to <date>', l('last local day, inclusive (YYYY-MM-DD)', 'dernier jour local, inclus (AAAA-MM-JJ)')),
    format: choice(
      '--format <format>',
      l(
        "table, md, json, csv or html (default: table; from --out's extension when given)",
        'table, md, json, csv ou html (par défaut : table; selon l’extension de --out)',
      ),
      REPORT_FORMATS,
    ),
    out: text('--out <file>', l('write to a file instead of stdout', 'écrire dans un fichier plutôt que sur stdout')),
  },
  exclusive: [
    ['week', 'from'],
    ['week', 'to'],
  ],
  examples: [
    {
      command: 'autoscale report --week',
      description: l('last week in the terminal', 'la semaine passée dans le terminal'),
    },
    {
      command: 'autoscale report --week --format html --out rapport.html',
      description: l(
        'one self-contained HTML file (phone-friendly)',
        'un fichier HTML autonome (lisible sur téléphone)',
      ),
    },
    {
      command: 'autoscale report --from 2026-10-01 --to 2026-10-31 --format csv',
      description: l('a month as CSV', 'un mois en CSV'),
    },
  ],
  run: async (ctx, _args, opts) => {
    const { runReport } = await import('../src/cli/handlers/report-handler.js');
    await runReport(ctx, opts);
  },
});
