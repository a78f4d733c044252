import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join, resolve } from 'node:path';
import { environmentErrorOf } from '../../errors/environment.js';
import { l } from '../../i18n/localized.js';
import { exportPosts, importPosts, type ExportFormat, type TextSink } from '../../report/transfer-service.js';
import type { AppContext } from '../context.js';
import { EXPORT_FORMATS, formatOfFile } from '../file-formats.js';
import { progressBar } from '../progress-bar.js';
import { outPath } from '../out-path.js';
import { serviceDeps } from './service-deps.js';

const counted = (n: number, en: [string, string], fr: [string, string]) =>
  l(`${n} ${n === 1 ? en[0] : en[1]}`, `${n} ${n > 1 ? fr[1] : fr[0]}`);

export const runExport = async (
  ctx: AppContext,
  opts: {
    format?: ExportFormat | undefined;
    from?: string | undefined;
    to?: string | undefined;
    out?: string | undefined;
  },
) => {
  const format = opts.format ?? formatOfFile(opts.out, EXPORT_FORMATS) ?? (ctx.options.json ? 'json' : 'csv');
  const out = opts.out === undefined ? undefined : outPath(opts.out);
  const deps = await serviceDeps(ctx);
  const range = { from: opts.from, to: opts.to };
  const bar = progressBar(ctx.out, ctx.out.t(l('Export', 'Export')));
  if (out !== undefined) {
    const file = out;
    // Streamed to a private temp file beside it, renamed at the end: a failure (a full disk
    // included) never leaves a half-written export under the real name.
    const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
    const stream = createWriteStream(temp, { mode: 0o600, flags: 'wx' });
    const write: TextSink = async (text) => {
      if (!stream.write(text)) await once(stream, 'drain');
    };
    let summary;
    try {
      summary = await exportPosts(deps, { ...range, format }, write, bar.sink);
      stream.end();
      await once(stream, 'close');
      renameSync(temp, file);
    } catch (error) {
      stream.destroy();
      rmSync(temp, { force: true });
      throw environmentErrorOf(error, file) ?? error;
    } finally {
      bar.done();
    }
    const posts = counted(
      summary.posts,
      ['post exported', 'posts exported'],
      ['publication exportée', 'publications exportées'],
    );
    ctx.out.note(l(`${posts.en} (${format}) to ${file}`, `${posts.fr} (${format}) dans ${file}`));
    ctx.out.data({ file, format, posts: summary.posts }, () => file);
    return;
  }
  try {
    // JSON with --json (whatever --format says), as before; else the chosen format, streamed.
    await exportPosts(deps, { ...range, format: ctx.options.json ? 'json' : format }, ctx.out.stream, bar.sink);
  } finally {
    bar.done();
  }
};

export const runImport = async (ctx: AppContext, file: string) => {
  const deps = await serviceDeps(ctx);
  // Shown from the writing pass on: a file refused by the validation pass gets its one-line error only.
  const bar = progressBar(ctx.out, ctx.out.t(l('Import', 'Import')), Date.now, (event) => event.step !== 'validate');
  let result;
  try {
    result = await importPosts(deps, resolve(file), bar.sink);
  } finally {
    bar.done();
  }
  const r = result;
  ctx.out.data(r, () => {
    const posts = counted(r.imported, ['post', 'posts'], ['publication importée', 'publications importées']);
    const snaps = counted(
      r.snapshots,
      ['metric snapshot', 'metric snapshots'],
      ['relevé de mesures', 'relevés de mesures'],
    );
    const skipped = r.skipped
      ? counted(
          r.skipped,
          ['post already in the store', 'posts already in the store'],
          ['déjà présente', 'déjà présentes'],
        )
      : undefined;
    const back = r.returnedToReview
      ? counted(r.returnedToReview, ['post was', 'posts were'], ['publication était', 'publications étaient'])
      : undefined;
    return [
      ctx.out.t(
        l(
          `Imported ${posts.en} from ${file}: ${r.inReview} to review, ${r.history} published history (${snaps.en}).`,
          `${posts.fr} depuis ${file} : ${r.inReview} à réviser, ${r.history} en historique publié (${snaps.fr}).`,
        ),
      ),
      ...(skipped
        ? [
            ctx.out.t(
              l(
                `Skipped ${skipped.en} (same id or same Facebook post).`,
                `Ignorées : ${skipped.fr} (même identifiant ou même publication Facebook).`,
              ),
            ),
          ]
        : []),
      ...(back
        ? [
            ctx.out.t(
              l(
                `${back.en} on the way to the Page when exported: back in review, to approve again.`,
                `${back.fr} en route vers la Page à l’export : de retour en révision, à approuver de nouveau.`,
              ),
            ),
          ]
        : []),
    ].join('\n');
  });
};
