import { writeFileAtomic } from '../../fs/private-files.js';
import { l } from '../../i18n/localized.js';
import { withPlanOutlook } from '../../plan/outlook.js';
import { unicodeFromEnv } from '../../report/charts.js';
import { buildReport } from '../../report/report-service.js';
import { renderReport, type ReportFormat } from '../../report/weekly.js';
import type { AppContext } from '../context.js';
import { formatOfFile, REPORT_FORMATS } from '../file-formats.js';
import { outPath } from '../out-path.js';
import { serviceDeps } from './service-deps.js';

export const runReport = async (
  ctx: AppContext,
  opts: {
    from?: string | undefined;
    to?: string | undefined;
    format?: ReportFormat | undefined;
    out?: string | undefined;
  },
) => {
  const format = opts.format ?? formatOfFile(opts.out, REPORT_FORMATS) ?? 'table';
  const out = opts.out === undefined ? undefined : outPath(opts.out);
  const deps = await serviceDeps(ctx);
  const data = await buildReport(deps, { from: opts.from, to: opts.to });
  await withPlanOutlook(deps, data);
  const c = deps.brand.profile.colours;
  const render = (colour: boolean) =>
    renderReport(data, format, {
      lang: ctx.lang,
      colour,
      columns: opts.out ? undefined : ctx.out.width,
      unicode: format === 'table' && !opts.out ? unicodeFromEnv(ctx.processEnv) : true,
      colours: { primary: c.primary, accent: c.accent, text: c.text, background: c.background },
    });
  if (out !== undefined) {
    const file = out;
    writeFileAtomic(file, render(false));
    ctx.out.note(l(`Report (${format}) written to ${file}`, `Rapport (${format}) écrit dans ${file}`));
    ctx.out.data({ file, format, period: data.period }, () => file);
    return;
  }
  const text = render(ctx.out.style.enabled);
  ctx.out.data(data, () => text.replace(/\n$/, ''));
};
