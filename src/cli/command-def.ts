import type { Localized } from '../i18n/localized.js';
import type { AppContext } from './context.js';

export interface OptionDef {
  flags: string;
  description: Localized;
  defaultValue?: string | boolean | string[];
  /** Repeatable option (collects values into an array). */
  repeatable?: boolean;
}

export interface CommandDef {
  name: string;
  aliases?: string[];
  /** Positional arguments in commander syntax: '<id>', '[file]'. */
  args?: string[];
  summary: Localized;
  description?: Localized;
  options?: OptionDef[];
  examples?: { command: string; description: Localized }[];
  subcommands?: CommandDef[];
  /** Accepts a bare `--now` (act at once, passed as opts.now = true) besides the global `--now <iso>`. */
  bareNow?: boolean;
  /**
   * Loaded only when the command runs, so `--help` and other commands do not pay for this
   * command's dependencies.
   */
  run?: (ctx: AppContext, args: string[], options: Record<string, unknown>) => Promise<void>;
}
