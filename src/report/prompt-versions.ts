import type { GroupRow } from './report-types.js';

/**
 * A variant's prompt version ("brand-voice@1#a1b2c3+type/tip@2#d4e5f6+style/question@1#…") in
 * the owner's words: "tip v2 · question v1 · voice v1", without the content hashes.
 */
export const promptVersionLabel = (key: string): string => {
  const parts = key.split('+').map((part) => {
    const m = /^(?:[\w-]+\/)?([\w-]+)@([^#]+)(?:#\w+)?$/.exec(part);
    if (!m) return part.replace(/#\w+$/, '');
    const name = m[1] === 'brand-voice' ? 'voice' : m[1]!.replace(/_/g, ' ');
    return `${name} v${m[2]!}`;
  });
  // The type and style first: they are what differs from one row to the next.
  return [...parts.slice(1), ...parts.slice(0, 1)].join(' · ');
};

/** Labels each row; two keys that differ only by hash (a prompt edited without a new number) get "(rev. n)". */
export const labelPromptVersions = (rows: GroupRow[]): GroupRow[] => {
  const seen = new Map<string, string[]>();
  for (const r of [...rows].sort((a, b) => a.key.localeCompare(b.key))) {
    const label = promptVersionLabel(r.key);
    seen.set(label, [...(seen.get(label) ?? []), r.key]);
  }
  return rows.map((r) => {
    const label = promptVersionLabel(r.key);
    const keys = seen.get(label)!;
    return { ...r, label: keys.length > 1 ? `${label} (rev. ${keys.indexOf(r.key) + 1})` : label };
  });
};
