import { spawnSync } from 'node:child_process';
import { BIN } from './cli.js';

/** Whether tmux is installed (the end-to-end studio tests need a real terminal). */
export const hasTmux = (): boolean => spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * One tmux server on its own socket running the built CLI in a terminal of a fixed size, with
 * a clean environment (no CI variable: Ink would stop drawing frames).
 */
export class TmuxTerminal {
  readonly socket: string;
  readonly session = 'studio';

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    this.socket = `autoscale-e2e-${process.pid}-${columns}x${rows}-${Date.now()}`;
  }

  private tmux(args: string[]) {
    const r = spawnSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  }

  start(args: string[], env: Record<string, string>): void {
    const vars = Object.entries({
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      TERM: 'xterm-256color',
      LANG: 'en_US.UTF-8',
      TZ: 'UTC',
      ...env,
    })
      .map(([k, v]) => `${k}=${quote(v)}`)
      .join(' ');
    const command = `env -i ${vars} ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}; echo "__EXIT__$?"; sleep 600`;
    this.tmux(['new-session', '-d', '-s', this.session, '-x', String(this.columns), '-y', String(this.rows), command]);
    this.tmux(['set-option', '-t', this.session, 'window-size', 'manual']);
    this.tmux(['resize-window', '-t', this.session, '-x', String(this.columns), '-y', String(this.rows)]);
  }

  /** The screen as text (no colour codes), one string per row. */
  capture(): string {
    return this.tmux(['capture-pane', '-p', '-t', this.session]);
  }

  keys(...keys: string[]): void {
    this.tmux(['send-keys', '-t', this.session, ...keys]);
  }

  /** One key per read, as a person types (a single send-keys would arrive as one burst). */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.keys(key);
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  text(text: string): void {
    this.tmux(['send-keys', '-t', this.session, '-l', text]);
  }

  resize(columns: number, rows: number): void {
    this.tmux(['resize-window', '-t', this.session, '-x', String(columns), '-y', String(rows)]);
  }

  async waitFor(check: (screen: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.capture();
      if (check(screen)) return screen;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }
}
