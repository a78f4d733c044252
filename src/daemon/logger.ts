import pino from 'pino';
import { createRedactor } from '../domain/redact.js';
import type { DaemonLog } from '../jobs/log.js';
import { scalarText } from '../domain/values.js';
import { localParts } from '../domain/time.js';

export interface LoggerOptions {
  level?: string;
  /** Human-readable lines (a TTY); JSON lines otherwise (journald, files). */
  pretty: boolean;
  secrets: readonly string[];
  write: (chunk: string) => void;
  colour?: boolean;
  /** Zone of the pretty lines' clock (the brand's, as `status` shows times); JSON stays UTC ISO. */
  timeZone?: string | undefined;
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLOURS: Record<string, string> = {
  DEBUG: '\u001b[90m',
  INFO: '\u001b[36m',
  WARN: '\u001b[33m',
  ERROR: '\u001b[31m',
  FATAL: '\u001b[35m',
};
const SKIP = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name']);

const clockOf = (iso: string | number, timeZone: string | undefined): string => {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  if (!timeZone) return at.toISOString().slice(11, 19);
  const p = localParts(at, timeZone);
  return [p.hour, p.minute, p.second].map((n) => String(n).padStart(2, '0')).join(':');
};

/**
 * One JSON log line → `10:00:01 INFO  job done kind=generate ms=42`, the time on the given zone's
 * clock (a person watching a terminal reads local time, as in `status`).
 */
export const prettyLine = (line: string, colour = false, timeZone?: string): string => {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level =
    typeof entry.level === 'number'
      ? (LEVELS[entry.level] ?? String(entry.level))
      : typeof entry.level === 'string'
        ? entry.level.toUpperCase()
        : '';
  const time = typeof entry.time === 'string' || typeof entry.time === 'number' ? clockOf(entry.time, timeZone) : '';
  const fields = Object.entries(entry)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  const label = colour ? `${COLOURS[level] ?? ''}${level.padEnd(5)}\u001b[0m` : level.padEnd(5);
  return `${time} ${label} ${scalarText(entry.msg)}${fields ? ` ${fields}` : ''}\n`;
};

/**
 * pino logger for the daemon: JSON lines with ISO times and level names (journald keeps them
 * searchable), secrets scrubbed from every line (known secret values, token-like query
 * parameters, bearer tokens) and from well-known keys, pretty lines when a person watches.
 */
export const createLogger = (o: LoggerOptions): pino.Logger & DaemonLog => {
  const scrub = createRedactor(o.secrets);
  const destination = {
    write: (line: string) => {
      const clean = scrub(line);
      try {
        o.write(o.pretty ? prettyLine(clean, o.colour, o.timeZone) : clean);
      } catch {
        // A closed stdout (journald restarted, a pipe gone) must not stop the daemon.
      }
    },
  };
  return pino(
    {
      level: o.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [
          'token',
          'accessToken',
          'password',
          'authorization',
          'webhookUrl',
          'smtpUrl',
          'dsn',
          '*.token',
          '*.accessToken',
          '*.password',
          '*.authorization',
          '*.webhookUrl',
          '*.smtpUrl',
        ],
        censor: '***',
      },
    },
    destination,
  );
};
