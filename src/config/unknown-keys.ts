/**
 * Keys of config.json the schema does not know. They are found by comparing the file with its
 * validated form (the schema drops what it does not know), reported with the closest known key,
 * and written back untouched by `config set`, so a typo is pointed out instead of deleted.
 */
export interface UnknownKey {
  /** Dotted path, e.g. `brands.autoscale-ai.posting.windowStrat`. */
  path: string;
  /** The closest known key at the same level, when one is close enough. */
  suggestion: string | undefined;
}

/** Keys that would reach an object's prototype if assigned: never read, written or kept. */
export const PROTOTYPE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Edit distance (insertions, deletions, substitutions, adjacent swaps). */
export const editDistance = (a: string, b: string): number => {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
};

export const closest = (word: string, candidates: readonly string[]): string | undefined => {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const distance = editDistance(word, c);
    if (distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  // Close enough to be a typo: at most a third of the word wrong (and at least one edit allowed).
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
};

export const unknownKeys = (raw: unknown, validated: unknown, prefix = ''): UnknownKey[] => {
  if (Array.isArray(raw) && Array.isArray(validated)) {
    return raw.flatMap((item, i) => unknownKeys(item, validated[i], `${prefix}${i}.`));
  }
  if (!isPlain(raw) || !isPlain(validated)) return [];
  const out: UnknownKey[] = [];
  for (const key of Object.keys(raw)) {
    if (Object.hasOwn(validated, key)) out.push(...unknownKeys(raw[key], validated[key], `${prefix}${key}.`));
    else out.push({ path: `${prefix}${key}`, suggestion: closest(key, Object.keys(validated)) });
  }
  return out;
};

/** Puts the unknown keys of `raw` back into `validated` (prototype keys excepted). */
export const keepUnknown = <T>(validated: T, raw: unknown, unknown: readonly UnknownKey[]): T => {
  const out = structuredClone(validated) as unknown;
  for (const { path } of unknown) {
    const parts = path.split('.');
    if (parts.some((p) => PROTOTYPE_KEYS.has(p))) continue;
    let from: unknown = raw;
    let to: unknown = out;
    for (const part of parts.slice(0, -1)) {
      if (!isPlain(from) && !Array.isArray(from)) break;
      from = (from as Record<string, unknown>)[part];
      to = isPlain(to) || Array.isArray(to) ? (to as Record<string, unknown>)[part] : undefined;
    }
    const last = parts[parts.length - 1]!;
    if ((isPlain(to) || Array.isArray(to)) && (isPlain(from) || Array.isArray(from)) && !Object.hasOwn(to, last))
      (to as Record<string, unknown>)[last] = (from as Record<string, unknown>)[last];
  }
  return out as T;
};

export const describeUnknown = (k: UnknownKey): string =>
  k.suggestion ? `${k.path} (did you mean ${k.suggestion}?)` : k.path;

export const describeUnknownFr = (k: UnknownKey): string =>
  k.suggestion ? `${k.path} (vouliez-vous dire ${k.suggestion} ?)` : k.path;
