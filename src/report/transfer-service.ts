/**
 * Export and import, streamed: `export-service.ts` writes posts as it reads them (one page of 500
 * at a time), `import-service.ts` validates the whole file in a first pass and writes it in
 * batches in a second, idempotent by id. Memory stays flat whatever the size of the history.
 */
export { exportPosts, type ExportFormat, type ExportSummary, type TextSink } from './export-service.js';
export { importPosts, type ImportProblem, type ImportResult } from './import-service.js';
export { importRowSchema, type ImportRow } from './import-schema.js';
export { FLAT_COLUMNS } from './transfer-format.js';
