import type { Redactor } from '../domain/redact.js';
import { createFormat, type Fmt } from '../i18n/format.js';
import { l, type Lang, type Localized } from '../i18n/localized.js';
import { createStyle, type Style } from '../present/style.js';
import { neutralise, neutraliseKeepingColour } from '../present/terminal-text.js';

export interface Writable {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  update(text: string): void;
  done(finalText?: string): void;
}

/**
 * Everything a command prints goes through here: data on stdout (JSON with --json),
 * notes, progress and logs on stderr, so `--json | jq` always sees clean JSON.
 */
export interface Output {
  readonly json: boolean;
  readonly lang: Lang;
  readonly style: Style;
  readonly errStyle: Style;
  /** Numbers, money, dates and plurals in the interface language. */
  readonly fmt: Fmt;
  /**
   * The width tables are fitted to, or undefined for full values (piped output without COLUMNS,
   * `--wide`): see src/cli/width.ts.
   */
  readonly width: number | undefined;
  /** Print data: JSON with --json, else the rendered text. */
  data(value: unknown, render: () => string): void;
  /** A line for people on stdout (ignored with --json). */
  line: (text: string) => void;
  /**
   * Data streamed to stdout as it is produced (export), byte for byte into a pipe or a file, with
   * control characters made visible only when stdout is a terminal; resolves once stdout can take more.
   */
  stream: (text: string) => Promise<void>;
  /** A note on stderr (which default was used); stdout stays clean for --json. */
  note: (text: Localized) => void;
  warn: (text: Localized) => void;
  t: (text: Localized) => string;
  progress: (label: string) => Progress;
}

export interface OutputOptions {
  json: boolean;
  verbose: boolean;
  lang: Lang;
  stdout: Writable;
  stderr: Writable;
  colourOut: boolean;
  colourErr: boolean;
  width?: number | undefined;
  /** Scrubs notes, warnings and progress (stderr): known secret values and secret shapes. */
  redact?: Redactor | undefined;
  /** Scrubs data (stdout): known secret values only, so post texts print as written. */
  redactData?: Redactor | undefined;
}

const WARNING = l('warning:', 'attention :');

/**
 * JSON escapes C0 controls itself; DEL, C1 controls and bidi overrides are escaped too, so a
 * terminal showing --json output never obeys them (the data is unchanged for a parser).
 */
const jsonSafe = (json: string): string =>
  json.replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export const createOutput = (o: OutputOptions): Output => {
  const style = createStyle(o.colourOut && !o.json);
  const errStyle = createStyle(o.colourErr);
  const fmt = createFormat(o.lang);
  const t = fmt.t;
  const interactiveErr = Boolean(o.stderr.isTTY) && !o.json;
  const scrubErr = o.redact ?? ((s: string) => s);
  const scrubData = o.redactData ?? ((s: string) => s);
  // Text for people: our colour codes (when colours are on) survive, any other escape is shown.
  const human = (colour: boolean, text: string) => (colour ? neutraliseKeepingColour(text) : neutralise(text));
  const out = (text: string) => o.stdout.write(human(style.enabled, scrubData(text)));
  const err = (text: string) => o.stderr.write(human(errStyle.enabled, scrubErr(text)));
  return {
    json: o.json,
    lang: o.lang,
    style,
    errStyle,
    fmt,
    width: o.width,
    t,
    data(value, render) {
      if (o.json) o.stdout.write(`${jsonSafe(scrubData(JSON.stringify(value, null, 2)))}\n`);
      else out(`${render()}\n`);
    },
    line(text) {
      if (!o.json) out(`${text}\n`);
    },
    async stream(text) {
      if (o.stdout.isTTY) {
        out(text);
        return;
      }
      const sink = o.stdout as Writable & { once?: (event: 'drain', listener: () => void) => unknown };
      if (sink.write(scrubData(text)) === false && sink.once)
        await new Promise<void>((resolve) => sink.once!('drain', resolve));
    },
    note(text) {
      // Notes are logs: always on stderr, so --json consumers still learn which default was used.
      err(`${errStyle.dim('›')} ${t(text)}\n`);
    },
    warn(text) {
      err(`${errStyle.yellow(t(WARNING))} ${t(text)}\n`);
    },
    progress(label) {
      if (!interactiveErr) {
        if (!o.json) err(`${label}…\n`);
        return { update: () => undefined, done: () => undefined };
      }
      let frame = 0;
      let text = neutralise(scrubErr(label));
      // The spinner's own carriage return and line erase are written as they are.
      const draw = () => o.stderr.write(`\r\u001b[2K${errStyle.cyan(FRAMES[frame % FRAMES.length]!)} ${text}`);
      const timer = setInterval(() => {
        frame += 1;
        draw();
      }, 80);
      timer.unref();
      draw();
      return {
        update(next) {
          text = neutralise(scrubErr(`${label} ${next}`));
          draw();
        },
        done(finalText) {
          clearInterval(timer);
          o.stderr.write(
            `\r\u001b[2K${finalText ? `${errStyle.green('✔')} ${neutralise(scrubErr(finalText))}\n` : ''}`,
          );
        },
      };
    },
  };
};
