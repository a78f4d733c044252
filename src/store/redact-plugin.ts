import {
  ColumnNode,
  OperationNodeTransformer,
  PrimitiveValueListNode,
  RawNode,
  type ValueListNode,
  ValueNode,
  ValuesNode,
  type ColumnUpdateNode,
  type InsertQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { Redactor } from '../domain/redact.js';

/**
 * Columns that hold what people wrote or will publish: only the configured secret values are
 * scrubbed there, never the secret *shapes* (a post may say "notre secret: …" or quote a link).
 * Everything else (errors, audit reasons and data, job payloads) gets the full redactor.
 */
const CONTENT_COLUMNS = new Set(['text', 'headline', 'topic', 'prompt', 'note', 'response']);

const WRITE_SQL = /^\s*(?:INSERT|UPDATE|REPLACE)\b/i;

class RedactTransformer extends OperationNodeTransformer {
  constructor(
    private readonly full: Redactor,
    private readonly values: Redactor,
  ) {
    super();
  }

  scrub(column: string | undefined, value: unknown): unknown {
    if (typeof value !== 'string') return value;
    return column !== undefined && CONTENT_COLUMNS.has(column) ? this.values(value) : this.full(value);
  }

  private scrubNode(column: string | undefined, node: OperationNode): OperationNode {
    return ValueNode.is(node) ? ({ ...node, value: this.scrub(column, node.value) } as ValueNode) : node;
  }

  protected override transformInsertQuery(node: InsertQueryNode): InsertQueryNode {
    const out = super.transformInsertQuery(node);
    const columns = out.columns?.map((c) => c.column.name) ?? [];
    if (!out.values || !ValuesNode.is(out.values)) return out;
    const lists = out.values.values.map((list): PrimitiveValueListNode | ValueListNode => {
      if (PrimitiveValueListNode.is(list))
        return { ...list, values: list.values.map((v, i) => this.scrub(columns[i], v)) };
      return { ...list, values: list.values.map((n, i) => this.scrubNode(columns[i], n)) };
    });
    return { ...out, values: { ...out.values, values: lists } as ValuesNode };
  }

  protected override transformColumnUpdate(node: ColumnUpdateNode): ColumnUpdateNode {
    const out = super.transformColumnUpdate(node);
    const column = ColumnNode.is(out.column) ? out.column.column.name : undefined;
    return { ...out, value: this.scrubNode(column, out.value) };
  }

  /** A hand-written INSERT/UPDATE (sync state, bookkeeping): its text parameters are scrubbed. */
  scrubRawWrite(node: RawNode): RawNode {
    if (!WRITE_SQL.test(node.sqlFragments[0] ?? '')) return node;
    return { ...node, parameters: node.parameters.map((p) => this.scrubNode(undefined, p)) };
  }
}

/**
 * Nothing secret reaches the database file, whichever repository writes: every INSERT and
 * UPDATE built through Kysely has its text values redacted before it is compiled. Rows applied
 * from the sync hub are written as compiled statements and left as the hub sent them (they were
 * redacted on the replica that wrote them).
 */
export const redactPlugin = (full: Redactor, values: Redactor): KyselyPlugin => {
  const transformer = new RedactTransformer(full, values);
  return {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      const { node } = args;
      if (RawNode.is(node)) return transformer.scrubRawWrite(node);
      if (node.kind === 'InsertQueryNode' || node.kind === 'UpdateQueryNode') return transformer.transformNode(node);
      return node;
    },
    transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return Promise.resolve(args.result);
    },
  };
};
