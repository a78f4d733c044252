import type { Lang, Localized } from '../i18n/localized.js';
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
  readonly columns: number;
  /** Print data: JSON with --json, else the rendered text. */
  data(value: unknown, render: () => string): void;
  /** A line for people on stdout (ignored with --json). */
  line: (text: string) => void;
  /** Data streamed to stdout as it is produced (export); resolves once stdout can take more. */
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
  columns?: number | undefined;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export const createOutput = (o: OutputOptions): Output => {
  const style = createStyle(o.colourOut && !o.json);
  const errStyle = createStyle(o.colourErr);
  const t = (text: Localized) => text[o.lang];
  const interactiveErr = Boolean(o.stderr.isTTY) && !o.json;
  return {
    json: o.json,
    lang: o.lang,
    style,
    errStyle,
    columns: o.columns ?? 100,
    t,
    data(value, render) {
      o.stdout.write(o.json ? `${JSON.stringify(value, null, 2)}\n` : `${render()}\n`);
    },
    line(text) {
      if (!o.json) o.stdout.write(`${text}\n`);
    },
    async stream(text) {
      const out = o.stdout as Writable & { once?: (event: 'drain', listener: () => void) => unknown };
      if (out.write(text) === false && out.once) await new Promise<void>((resolve) => out.once!('drain', resolve));
    },
    note(text) {
      // Notes are logs: always on stderr, so --json consumers still learn which default was used.
      o.stderr.write(`${errStyle.dim('›')} ${t(text)}\n`);
    },
    warn(text) {
      o.stderr.write(`${errStyle.yellow(o.lang === 'fr' ? 'attention :' : 'warning:')} ${t(text)}\n`);
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
