/**
 * Text of a value read from JSON (an API body, a stored payload): strings, numbers and booleans
 * as themselves, anything else (objects, null, undefined) as the fallback, never "[object Object]".
 */
export const scalarText = (value: unknown, fallback = ''): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
      ? String(value)
      : fallback;
