/**
 * The repository edge: SQLite speaks snake_case columns, the rest of the code camelCase domain
 * objects. Rows are mapped here on the way out (`fromRow`) and on the way in (`toRow`), and the
 * types follow the keys, so a column added to a query but missing from the domain type (or the
 * other way round) fails to compile.
 */

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
type SnakeCase<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${SnakeCase<Rest>}`
  : S;

export type Camelized<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };
export type Snakified<T> = { [K in keyof T as K extends string ? SnakeCase<K> : K]: T[K] };

const camelKeys = new Map<string, string>();
const snakeKeys = new Map<string, string>();

const camelKey = (key: string): string => {
  let out = camelKeys.get(key);
  if (out === undefined) {
    out = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    camelKeys.set(key, out);
  }
  return out;
};

const snakeKey = (key: string): string => {
  let out = snakeKeys.get(key);
  if (out === undefined) {
    out = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    snakeKeys.set(key, out);
  }
  return out;
};

const rekey = (value: object, key: (k: string) => string): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[key(k)] = v;
  return out;
};

/** A row read from SQLite as a domain object (snake_case columns → camelCase fields). */
export const fromRow = <T extends object>(row: T): Camelized<T> => rekey(row, camelKey) as Camelized<T>;

/** `fromRow` over a result set; keeps `undefined` (no row) as is. */
export const fromRows = <T extends object>(rows: T[]): Camelized<T>[] => rows.map(fromRow);
export const fromMaybeRow = <T extends object>(row: T | undefined): Camelized<T> | undefined =>
  row === undefined ? undefined : fromRow(row);

/** A domain object (or a patch of one) as columns to write (camelCase fields → snake_case columns). */
export const toRow = <T extends object>(value: T): Snakified<T> => rekey(value, snakeKey) as Snakified<T>;
