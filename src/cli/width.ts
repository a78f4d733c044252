/** Below this, tables and the report are laid out for 80 columns anyway (and scroll). */
export const MIN_COLUMNS = 80;

/**
 * The width tables and the report are fitted to, or undefined for full values (no truncation,
 * no wrapping): a terminal gives its width (80 at least); piped output keeps full values unless
 * COLUMNS asks for a width; `--wide` always keeps full values.
 */
export const layoutWidth = (
  stdout: { isTTY?: boolean; columns?: number },
  env: Record<string, string | undefined>,
  wide: boolean,
): number | undefined => {
  if (wide) return undefined;
  const asked = Number(env.COLUMNS);
  const requested = Number.isFinite(asked) && asked > 0 ? asked : undefined;
  const columns = stdout.isTTY ? (stdout.columns ?? requested) : requested;
  return columns === undefined ? undefined : Math.max(MIN_COLUMNS, Math.floor(columns));
};
