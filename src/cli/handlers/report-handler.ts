import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { l } from '../../i18n/localized.js';
import { unicodeFromEnv } from '../../report/charts.js';
import { buildReport } from '../../report/report-service.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../../report/weekly.js';
import type { AppContext } from '../context.js';
import { parseFormat } from './format-option.js';
import { serviceDeps } from './service-deps.js';

export const runReport = async (ctx: AppContext, opts: Record<string, unknown>) => {
  const format = (parseFormat(opts.format, opts.out, REPORT_FORMATS) ?? 'table') as ReportFormat;
  const deps = await serviceDeps(ctx);
  const data = await buildReport(deps, { from: opts.from as string | undefined, to: opts.to as string | undefined });
  const c = deps.brand.profile.colours;
  const render = (colour: boolean) =>
    renderReport(data, format, {
      lang: ctx.lang,
      colour,
      unicode: format === 'table' && !opts.out ? unicodeFromEnv(ctx.processEnv) : true,
      colours: { primary: c.primary, accent: c.accent, text: c.text, background: c.background },
    });
  if (typeof opts.out === 'string') {
    const file = resolve(opts.out);
    writeFileSync(file, render(false));
    ctx.out.note(l(`Report (${format}) written to ${file}`, `Rapport (${format}) écrit dans ${file}`));
    ctx.out.data({ file, format, period: data.period }, () => file);
    return;
  }
  const text = render(ctx.out.style.enabled);
  ctx.out.data(data, () => text.replace(/\n$/, ''));
};
