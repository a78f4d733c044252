import { useStdout } from 'ink';
import { useCallback, useMemo, useSyncExternalStore } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** The terminal's size, updated on resize so the layout is recomputed (tabs ↔ side by side). */
export const useTerminalSize = (fixed?: TerminalSize): TerminalSize => {
  const { stdout } = useStdout();
  const subscribe = useCallback(
    (changed: () => void) => {
      stdout.on('resize', changed);
      return () => {
        stdout.off('resize', changed);
      };
    },
    [stdout],
  );
  // A string snapshot: equal sizes compare equal, so an unrelated event renders nothing.
  const snapshot = useSyncExternalStore(subscribe, () => `${stdout.columns || 80}x${stdout.rows || 24}`);
  const measured = useMemo((): TerminalSize => {
    const [columns = 80, rows = 24] = snapshot.split('x').map(Number);
    return { columns, rows };
  }, [snapshot]);
  return fixed ?? measured;
};
