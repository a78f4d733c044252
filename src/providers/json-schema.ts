import { z } from 'zod';

/**
 * A zod schema as the strict JSON Schema the providers send: generated with `z.toJSONSchema()`
 * (every object closed, every property required), without the `$schema` dialect marker.
 */
export const toStrictJsonSchema = (schema: z.ZodType): Record<string, unknown> => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
  return rest;
};
