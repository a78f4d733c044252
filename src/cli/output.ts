import { createFormat, type Fmt } from '../i18n/format.js';
import { l, type Lang, type Localized } from '../i18n/localized.js';
import { createStyle, type Style } from '../present/style.js';

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
}

const WARNING = l('warning:', 'attention :');

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export const createOutput = (o: OutputOptions): Output => {
  const style = createStyle(o.colourOut && !o.json);
  const errStyle = createStyle(o.colourErr);
  const fmt = createFormat(o.lang);
  const t = fmt.t;
  const interactiveErr = Boolean(o.stderr.isTTY) && !o.json;
  return {
    json: o.json,
    lang: o.lang,
    style,
    errStyle,
    fmt,
    width: o.width,
    t,
    data(value, render) {
      o.stdout.write(o.json ? `${JSON.stringify(value, null, 2)}\n` : `${render()}\n`);
    },
    line(text) {
      if (!o.json) o.stdout.write(`${text}\n`);
    },
    note(text) {
      // Notes are logs: always on stderr, so --json consumers still learn which default was used.
      o.stderr.write(`${errStyle.dim('›')} ${t(text)}\n`);
    },
    warn(text) {
      o.stderr.write(`${errStyle.yellow(t(WARNING))} ${t(text)}\n`);
    },
    progress(label) {
      if (!interactiveErr) {
        if (!o.json) o.stderr.write(`${label}…\n`);
        return { update: () => undefined, done: () => undefined };
      }
      let frame = 0;
      let text = label;
      const draw = () => o.stderr.write(`\r\u001b[2K${errStyle.cyan(FRAMES[frame % FRAMES.length]!)} ${text}`);
      const timer = setInterval(() => {
        frame += 1;
        draw();
      }, 80);
      timer.unref();
      draw();
      return {
        update(next) {
          text = `${label} ${next}`;
          draw();
        },
        done(finalText) {
          clearInterval(timer);
          o.stderr.write(`\r\u001b[2K${finalText ? `${errStyle.green('✔')} ${finalText}\n` : ''}`);
        },
      };
    },
  };
};
