import type { z } from 'zod';
import { configSchema } from './schema.js';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Keys that would reach an object's prototype instead of a setting. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** The schema without its wrappers (default, optional, pipe…), or the options of a union. */
const unwrap = (schema: z.ZodType): z.ZodType[] => {
  const def = defOf(schema);
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  if (def.type === 'union' && def.options) return def.options.flatMap(unwrap);
  return [schema];
};

const child = (schema: z.ZodType, part: string): z.ZodType[] => {
  if (FORBIDDEN.has(part)) return [];
  return unwrap(schema).flatMap((s) => {
    const def = defOf(s);
    if (def.type === 'object' && def.shape && Object.hasOwn(def.shape, part)) return [def.shape[part]!];
    if (def.type === 'record' && def.valueType) return [def.valueType];
    if (def.type === 'array' && def.element && /^\d+$/.test(part)) return [def.element];
    return [];
  });
};

/** The keys the schema knows at one level (the fields of its objects; records and lists have none). */
const keysOf = (schemas: z.ZodType[]): string[] => [
  ...new Set(
    schemas.flatMap(unwrap).flatMap((s) => {
      const def = defOf(s);
      return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
    }),
  ),
];

/**
 * What the configuration schema says about a key path: unknown (a typo, or a key no version of
 * autoscale reads: `unknown` is the first part it does not know and `siblings` the keys it knows
 * there, for a "did you mean"), or known and whether its value is a list (so `tue,wed,thu` can be
 * given as on the command line of `init`).
 */
export const describeKey = (
  parts: string[],
): { known: boolean; list: boolean; unknown?: string; siblings?: string[] } => {
  let current: z.ZodType[] = [configSchema];
  for (const part of parts) {
    const next = current.flatMap((s) => child(s, part));
    if (next.length === 0) return { known: false, list: false, unknown: part, siblings: keysOf(current) };
    current = next;
  }
  const leaves = current.flatMap(unwrap);
  return { known: true, list: leaves.length > 0 && leaves.every((s) => defOf(s).type === 'array') };
};

/**
 * Whether the last part of a key path names a field of a schema object (an optional setting that
 * may be unset, such as `lang`), not an entry of a record or list that does not exist.
 */
export const isSchemaField = (parts: string[]): boolean => {
  let current: z.ZodType[] = [configSchema];
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1)
      return current.flatMap(unwrap).some((s) => {
        const def = defOf(s);
        return def.type === 'object' && def.shape !== undefined && Object.hasOwn(def.shape, part);
      });
    current = current.flatMap((s) => child(s, part));
  }
  return false;
};
