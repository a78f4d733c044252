import { diffWords } from 'diff';
import { layoutDiff, layoutText, type Line } from './text-layout.js';
import type { VersionView } from './view-model.js';

/** What a version changed compared with the one before it, wrapped for the screen. */
export const versionDiff = (
  versions: VersionView[],
  index: number,
  width: number,
): { title: { from?: number; to: number }; lines: Line[] } => {
  const to = versions[index];
  if (!to) return { title: { to: 0 }, lines: [] };
  const from = index > 0 ? versions[index - 1] : undefined;
  if (!from) return { title: { to: to.versionNo }, lines: layoutText(to.text, [], width, { markers: false }) };
  return { title: { from: from.versionNo, to: to.versionNo }, lines: layoutDiff(diffWords(from.text, to.text), width) };
};
