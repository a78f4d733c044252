import { diffWords } from 'diff';
import { layoutDiff, layoutText, type Line } from './text-layout.js';
import type { VersionView } from './view-model.js';

export interface VersionDiff {
  title: { from?: number; to: number };
  lines: Line[];
}

/**
 * What a version changed compared with the one before it, wrapped for the screen. Loaded after
 * the studio's first frame (hooks/use-version-diff.ts): `diff` is not needed before.
 */
export const versionDiff = (versions: VersionView[], index: number, width: number): VersionDiff => {
  const to = versions[index];
  if (!to) return { title: { to: 0 }, lines: [] };
  const from = index > 0 ? versions[index - 1] : undefined;
  if (!from) return { title: { to: to.versionNo }, lines: layoutText(to.text, [], width, { markers: false }) };
  return { title: { from: from.versionNo, to: to.versionNo }, lines: layoutDiff(diffWords(from.text, to.text), width) };
};
