import { useEffect, useState } from 'react';
import type { versionDiff } from '../history-diff.js';

export type VersionDiffFn = typeof versionDiff;

/**
 * The word diff of the history screen (and the `diff` package behind it) is not needed for the
 * first frame: it loads once the studio has painted, and is undefined until then.
 */
export const useDeferredVersionDiff = (): VersionDiffFn | undefined => {
  const [diff, setDiff] = useState<{ fn: VersionDiffFn }>();
  useEffect(() => {
    let live = true;
    import('../history-diff.js').then(
      (module) => live && setDiff({ fn: module.versionDiff }),
      // Without the module the history still lists the versions; it says the diff is missing.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return diff?.fn;
};
