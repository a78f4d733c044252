/** The logging surface the daemon code needs; pino's Logger satisfies it. */
export interface DaemonLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): DaemonLog;
}

export const silentLog = (): DaemonLog => {
  const log: DaemonLog = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    child: () => log,
  };
  return log;
};

/** Collects entries in memory (tests). */
export const memoryLog = (): DaemonLog & { entries: { level: string; msg?: string | undefined; obj: object }[] } => {
  const entries: { level: string; msg?: string | undefined; obj: object }[] = [];
  const make = (bindings: object): DaemonLog => ({
    debug: (obj, msg) => entries.push({ level: 'debug', msg, obj: { ...bindings, ...obj } }),
    info: (obj, msg) => entries.push({ level: 'info', msg, obj: { ...bindings, ...obj } }),
    warn: (obj, msg) => entries.push({ level: 'warn', msg, obj: { ...bindings, ...obj } }),
    error: (obj, msg) => entries.push({ level: 'error', msg, obj: { ...bindings, ...obj } }),
    child: (b) => make({ ...bindings, ...b }),
  });
  return Object.assign(make({}), { entries });
};
