import { resolve } from 'node:path';
import { writeFileAtomic } from '../../fs/private-files.js';
import { l } from '../../i18n/localized.js';
import { exportCsv, exportData, importPosts } from '../../report/transfer-service.js';
import type { AppContext } from '../context.js';
import { EXPORT_FORMATS, formatOfFile } from '../file-formats.js';
import { outPath } from '../out-path.js';
import { serviceDeps } from './service-deps.js';

export const runExport = async (
  ctx: AppContext,
  opts: {
    format?: 'csv' | 'json' | undefined;
    from?: string | undefined;
    to?: string | undefined;
    out?: string | undefined;
  },
) => {
  const format = opts.format ?? formatOfFile(opts.out, EXPORT_FORMATS) ?? (ctx.options.json ? 'json' : 'csv');
  const out = opts.out === undefined ? undefined : outPath(opts.out);
  const deps = await serviceDeps(ctx);
  const data = await exportData(deps, { from: opts.from, to: opts.to });
  const body = format === 'csv' ? exportCsv(data) : `${JSON.stringify(data, null, 2)}\n`;
  if (out !== undefined) {
    const file = out;
    writeFileAtomic(file, body);
    ctx.out.note(
      l(
        `${data.posts.length} posts exported (${format}) to ${file}`,
        `${data.posts.length} publications exportées (${format}) dans ${file}`,
      ),
    );
    ctx.out.data({ file, format, posts: data.posts.length }, () => file);
    return;
  }
  if (format === 'json' || ctx.options.json) {
    ctx.out.data(data, () => body.replace(/\n$/, ''));
    return;
  }
  ctx.out.raw(`${body.replace(/\r\n$/, '')}\n`);
};

export const runImport = async (ctx: AppContext, file: string) => {
  const deps = await serviceDeps(ctx);
  const result = await importPosts(deps, resolve(file));
  ctx.out.data(result, () =>
    ctx.out.t(
      l(
        `Imported ${result.imported} posts from ${file}: ${result.inReview} to review, ${result.history} published history (${result.snapshots} metric snapshots).`,
        `${result.imported} publications importées depuis ${file} : ${result.inReview} à réviser, ${result.history} en historique publié (${result.snapshots} relevés de mesures).`,
      ),
    ),
  );
};
