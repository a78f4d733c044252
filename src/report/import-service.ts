import { TextDecoder } from 'node:util';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { NotFoundError, UsageError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import type { ProgressSink, ServiceDeps } from '../deps/service-deps.js';
import { refreshLearning } from '../optimize/insights-service.js';
import { knownFacebookPostIds } from '../store/publications-repo.js';
import { existingIds, insertImportBatch, openSeenIds } from '../store/transfer-repo.js';
import { immediate } from '../store/tx.js';
import { CsvSyntaxError, csvReader, jsonArrayReader, JsonShapeError } from './csv-parse.js';
import { decodeUtf8 } from '../domain/utf8.js';
import { importRowSchema, type ImportRow } from './import-schema.js';
import { buildRows, emptyBatch, nestedIds, type ImportContext } from './import-rows.js';
import { FLAT_COLUMNS, TEXT_COLUMNS, undefuse } from './transfer-format.js';

export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

export interface ImportResult {
  file: string;
  imported: number;
  inReview: number;
  history: number;
  snapshots: number;
  /** Posts already in the store (same id, or same Facebook post): left as they are. */
  skipped: number;
  /** Posts exported while approved or being published: imported for review, never published from the import. */
  returnedToReview: number;
  /** Ids of the imported posts (the first 1,000). */
  postIds: string[];
}

interface RawRecord {
  line: number;
  raw: unknown;
}

const BATCH = 500;
const MAX_PROBLEMS = 100;

const parseError = (file: string, message: string) =>
  new UsageError(l(`${file} is not valid JSON: ${message}.`, `${file} n'est pas du JSON valide : ${message}.`), {
    code: 'import_parse',
    fix: l(
      'Give an array of posts, or the file `autoscale export --format json` writes.',
      'Donnez un tableau de publications, ou le fichier écrit par `autoscale export --format json`.',
    ),
  });

/** One chunk as text (the rest of the stream when `bytes` is left out); a bad byte names its line. */
const decodeChunk = (file: string, decoder: TextDecoder, bytes?: Buffer): string => {
  try {
    return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
  } catch (error) {
    // Only on the error path is the whole file read, to say where the first bad byte sits.
    decodeUtf8(readFileSync(file), l(file, file));
    throw error;
  }
};

const csvSyntaxError = (file: string, error: CsvSyntaxError) => {
  const what = {
    unterminated_quote: l('a quoted field is never closed', 'un champ entre guillemets n’est jamais fermé'),
    bad_quote: l(
      'a quote inside a field that is not quoted, or text after a closing quote',
      'un guillemet dans un champ sans guillemets, ou du texte après un guillemet fermant',
    ),
  }[error.reason];
  return new UsageError(l(`${file}, line ${error.line}: ${what.en}.`, `${file}, ligne ${error.line} : ${what.fr}.`), {
    code: 'import_csv_syntax',
    details: { line: error.line, reason: error.reason },
    fix:
      error.reason === 'unterminated_quote'
        ? l(
            `Close the quote that opens on line ${error.line} (a quote inside a quoted field is written twice: ""); nothing was imported.`,
            `Fermez le guillemet ouvert à la ligne ${error.line} (un guillemet dans un champ entre guillemets s’écrit deux fois : ""); rien n’a été importé.`,
          )
        : l(
            'Put that field between quotes and double the quotes inside it (""); nothing was imported.',
            'Mettez ce champ entre guillemets et doublez les guillemets qu’il contient (""); rien n’a été importé.',
          ),
  });
};

/** The file's rows, streamed: CSV records as objects keyed by the header, or JSON array elements. */
async function* readRecords(file: string, onBytes: (n: number) => void): AsyncGenerator<RawRecord> {
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  // Strict: a lenient decoder would turn bad bytes into U+FFFD and publish the damage.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let kind: 'json' | 'csv' | undefined = extname(file).toLowerCase() === '.json' ? 'json' : undefined;
  let json: ReturnType<typeof jsonArrayReader> | undefined;
  let csv: ReturnType<typeof csvReader> | undefined;
  let header: string[] | undefined;
  const fromCsv = function* (records: { line: number; fields: string[] }[]): Generator<RawRecord> {
    for (const r of records) {
      if (!header) {
        header = r.fields.map((h) => h.trim().toLowerCase());
        for (const required of ['content_type', 'text']) {
          if (!header.includes(required)) {
            throw new UsageError(
              l(
                `${file}: the header has no "${required}" column.`,
                `${file} : l'en-tête n'a pas de colonne « ${required} ».`,
              ),
              {
                code: 'import_header',
                fix: l(
                  `Columns: ${FLAT_COLUMNS.join(', ')} (content_type and text required).`,
                  `Colonnes : ${FLAT_COLUMNS.join(', ')} (content_type et text obligatoires).`,
                ),
              },
            );
          }
        }
        continue;
      }
      const h = header;
      yield {
        line: r.line,
        raw: Object.fromEntries(
          h.map((c, i) => [c, TEXT_COLUMNS.has(c) ? undefuse(r.fields[i] ?? '') : (r.fields[i] ?? '')]),
        ),
      };
    }
  };
  try {
    for await (const bytes of stream as AsyncIterable<Buffer>) {
      onBytes(bytes.length);
      const chunk = decodeChunk(file, decoder, bytes);
      if (!kind) kind = /^\uFEFF?\s*[[{]/.test(chunk) ? 'json' : 'csv';
      if (kind === 'json') {
        json ??= jsonArrayReader();
        for (const e of json.push(chunk)) yield { line: e.line, raw: e.value };
      } else {
        csv ??= csvReader();
        yield* fromCsv(csv.push(chunk));
      }
    }
    decodeChunk(file, decoder);
    if (json) json.end();
    if (csv) yield* fromCsv(csv.end());
  } catch (error) {
    if (error instanceof JsonShapeError) throw parseError(file, error.message);
    if (error instanceof CsvSyntaxError) throw csvSyntaxError(file, error);
    throw error;
  } finally {
    stream.destroy();
  }
}

/** Valid rows in batches; bad rows go to `problems` (the first MAX_PROBLEMS, all counted). */
async function* validRows(
  file: string,
  onBytes: (n: number) => void,
  problems: { list: ImportProblem[]; count: number },
): AsyncGenerator<{ line: number; row: ImportRow }[]> {
  let batch: { line: number; row: ImportRow }[] = [];
  for await (const { line, raw } of readRecords(file, onBytes)) {
    const parsed = importRowSchema.safeParse(raw ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.count += 1;
        if (problems.list.length < MAX_PROBLEMS)
          problems.list.push({ line, field: issue.path.join('.') || '(row)', message: issue.message });
      }
      continue;
    }
    batch.push({ line, row: parsed.data });
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

const counted = (n: number, en: [string, string], fr: [string, string]): Localized =>
  l(`${n} ${n === 1 ? en[0] : en[1]}`, `${n} ${n > 1 ? fr[1] : fr[0]}`);

/**
 * Imports posts from CSV or JSON, streamed twice: a first pass validates every row (any bad row
 * rejects the whole file with line numbers, and nothing is written), a second writes them in
 * batches of 500 posts per transaction. Idempotent by id: a post whose id (or Facebook post) is
 * already in the store is skipped, so importing the tool's own export again changes nothing and
 * an interrupted import finishes when run again. States are kept, except that a post exported
 * while approved or being published comes back for review (an import never publishes).
 */
export const importPosts = async (deps: ServiceDeps, file: string, progress?: ProgressSink): Promise<ImportResult> => {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new NotFoundError(l(`Cannot read ${file}.`, `Impossible de lire ${file}.`), {
      fix: l('Check the path.', 'Vérifiez le chemin.'),
    });
  }
  const bytes = (step: string) => {
    let done = 0;
    return (n: number) => {
      done += n;
      progress?.({ step, done, total: size, unit: 'bytes' });
    };
  };
  const problems = { list: [] as ImportProblem[], count: 0 };
  const problem = (line: number, field: string, message: string) => {
    problems.count += 1;
    if (problems.list.length < MAX_PROBLEMS) problems.list.push({ line, field, message });
  };

  // Pass 1: validate, and find ids repeated in the file or taken by other posts of the store.
  const seen = await openSeenIds(deps.db);
  let rows = 0;
  try {
    for await (const batch of validRows(file, bytes('validate'), problems)) {
      rows += batch.length;
      const postIds = batch.flatMap((b) => (b.row.id ? [b.row.id] : []));
      const existing = await existingIds(deps.db, 'posts', postIds);
      const fbIds = batch.flatMap((b) => (b.row.fb_post_id ? [b.row.fb_post_id] : []));
      const repeated = {
        post: await seen.add('post', postIds),
        fb: await seen.add('fb', fbIds),
      };
      const inBatch = { post: new Set<string>(), fb: new Set<string>() };
      for (const { line, row } of batch) {
        if (row.id && (repeated.post.has(row.id) || inBatch.post.has(row.id)))
          problem(line, 'id', `appears twice in the file (${row.id})`);
        if (row.fb_post_id && (repeated.fb.has(row.fb_post_id) || inBatch.fb.has(row.fb_post_id)))
          problem(line, 'fb_post_id', `appears twice in the file (${row.fb_post_id})`);
        if (row.id) inBatch.post.add(row.id);
        if (row.fb_post_id) inBatch.fb.add(row.fb_post_id);
      }
      // Nested rows keep their ids: none may belong to another post already in the store.
      for (const [table, pick] of nestedIds) {
        const owned = batch.filter((b) => !(b.row.id && existing.has(b.row.id)));
        const ids = owned.flatMap((b) => pick(b.row));
        const taken = await existingIds(deps.db, table, ids);
        const dup = await seen.add(table, ids);
        for (const { line, row } of owned) {
          for (const x of pick(row)) {
            if (taken.has(x)) problem(line, table, `id ${x} already belongs to another post in the store`);
            else if (dup.has(x)) problem(line, table, `id ${x} appears twice in the file`);
          }
        }
      }
    }
  } finally {
    await seen.close();
  }
  if (rows === 0 && problems.count === 0) {
    throw new UsageError(l(`${file} has no rows to import.`, `${file} n'a aucune ligne à importer.`), {
      code: 'import_empty',
    });
  }
  if (problems.count === 1) {
    const p = problems.list[0]!;
    throw new UsageError(
      l(
        `${file}, line ${p.line}, ${p.field}: ${p.message}; nothing was imported.`,
        `${file}, ligne ${p.line}, ${p.field} : ${p.message}; rien n'a été importé.`,
      ),
      {
        code: 'import_invalid',
        details: { problems: problems.list, count: 1 },
        fix: l('Fix that row and run the import again.', 'Corrigez cette ligne et relancez l’import.'),
      },
    );
  }
  if (problems.count) {
    problems.list.sort((a, b) => a.line - b.line);
    const shown = problems.list.slice(0, 20).map((p) => `line ${p.line}, ${p.field}: ${p.message}`);
    const more = problems.count > shown.length ? `\n  … ${problems.count - shown.length} more` : '';
    const n = counted(problems.count, ['problem', 'problems'], ['problème', 'problèmes']);
    throw new UsageError(
      l(
        `${n.en} in ${file}; nothing was imported:\n  ${shown.join('\n  ')}${more}`,
        `${n.fr} dans ${file}; rien n'a été importé :\n  ${shown.map((s) => s.replace(/^line/, 'ligne')).join('\n  ')}${more.replace('more', 'de plus')}`,
      ),
      {
        code: 'import_invalid',
        details: { problems: problems.list, count: problems.count },
        fix: l('Fix those rows and run the import again.', 'Corrigez ces lignes et relancez l’import.'),
      },
    );
  }

  // Pass 2: write, one transaction per batch; what is already in the store is skipped.
  const result: ImportResult = {
    file,
    imported: 0,
    inReview: 0,
    history: 0,
    snapshots: 0,
    skipped: 0,
    returnedToReview: 0,
    postIds: [],
  };
  const ctx: ImportContext = { deps, fileName: basename(file) };
  for await (const batch of validRows(file, bytes('import'), problems)) {
    await immediate(deps.db, async (trx) => {
      const existing = await existingIds(
        trx,
        'posts',
        batch.flatMap((b) => (b.row.id ? [b.row.id] : [])),
      );
      const knownFb = await knownFacebookPostIds(
        trx,
        batch.flatMap((b) => (b.row.fb_post_id ? [b.row.fb_post_id] : [])),
      );
      const out = emptyBatch();
      const w = deps.writer();
      for (const { row } of batch) {
        if ((row.id && existing.has(row.id)) || (row.fb_post_id && knownFb.has(row.fb_post_id))) {
          result.skipped += 1;
          continue;
        }
        const built = buildRows(ctx, w, row, out);
        result.imported += 1;
        result.snapshots += built.snapshots;
        if (built.history) result.history += 1;
        else if (built.state === 'in_review') result.inReview += 1;
        if (built.returnedToReview) result.returnedToReview += 1;
        if (result.postIds.length < 1000) result.postIds.push(built.postId);
      }
      await insertImportBatch(trx, out);
    });
  }
  // New measurements: the learning loop learns from them now, once, rather than on every read.
  if (result.imported > 0) {
    progress?.({ step: 'learn', detail: '' });
    await refreshLearning(deps);
  }
  return result;
};
