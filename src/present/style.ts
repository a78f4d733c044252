/** ANSI styling that honours NO_COLOR, FORCE_COLOR and non-TTY streams. */
export interface Style {
  enabled: boolean;
  bold: (s: string) => string;
  dim: (s: string) => string;
  red: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
  cyan: (s: string) => string;
  magenta: (s: string) => string;
  underline: (s: string) => string;
}

const wrap = (enabled: boolean, open: number, close: number) => (s: string) =>
  enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s;

export const colourEnabled = (stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean => {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
};

export const createStyle = (enabled: boolean): Style => ({
  enabled,
  bold: wrap(enabled, 1, 22),
  dim: wrap(enabled, 2, 22),
  red: wrap(enabled, 31, 39),
  green: wrap(enabled, 32, 39),
  yellow: wrap(enabled, 33, 39),
  cyan: wrap(enabled, 36, 39),
  magenta: wrap(enabled, 35, 39),
  underline: wrap(enabled, 4, 24),
});

// eslint-disable-next-line no-control-regex -- ESC is exactly what is being removed
export const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');
