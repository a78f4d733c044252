import { l, type Localized } from '../i18n/localized.js';
import type { CommandDef } from './command-def.js';
import { longFlag, type OptionSpecs } from './options.js';

const takesValue = (flags: string) => /[<[]/.test(flags);

/**
 * Old spellings of renamed flags (an option's `formerly`), rewritten to the new flag before
 * commander parses, with a deprecation note. When the old spelling is also a global option
 * (`publish <id> --now`, from before `--immediately`, against the global `--now <iso>`), it is
 * the old flag only where the global would refuse what follows it: `publish <id> --now
 * 2026-11-24T15:00:00Z` stays the global clock.
 */
export const rewriteFormerSpellings = (
  argv: readonly string[],
  defs: readonly CommandDef[],
  globals: OptionSpecs,
): { argv: string[]; notes: Localized[] } => {
  const globalSpecs = Object.values(globals);
  const out = [...argv];
  const notes: Localized[] = [];
  let scope = defs;
  const path: string[] = [];
  let def: CommandDef | undefined;
  const acceptedByGlobal = (token: string, next: string | undefined) => {
    const global = globalSpecs.find((s) => longFlag(s.flags) === token);
    if (!global) return false;
    if (!takesValue(global.flags)) return true;
    if (next === undefined || next.startsWith('-')) return false;
    try {
      global.parse(next, token);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 2; i < out.length; i += 1) {
    const token = out[i]!;
    if (token === '--') break;
    if (token.startsWith('-')) {
      const renamed = def && Object.values(def.options).find((s) => s.formerly === token);
      if (renamed && !acceptedByGlobal(token, out[i + 1])) {
        const now = longFlag(renamed.flags);
        out[i] = now;
        const command = `autoscale ${path.join(' ')}`;
        notes.push(
          l(
            `\`${command} ${token}\` is deprecated and will be removed: use \`${command} ${now}\`.`,
            `\`${command} ${token}\` est obsolète et sera retiré : utilisez \`${command} ${now}\`.`,
          ),
        );
        continue;
      }
      // Skip the value of an option that takes one, so it is not read as a command name.
      const known = [...globalSpecs, ...Object.values(def?.options ?? {})].find((s) => longFlag(s.flags) === token);
      if (known && takesValue(known.flags)) i += 1;
      continue;
    }
    const sub = scope.find((d) => d.name === token || d.aliases?.includes(token));
    if (!sub) continue;
    def = sub;
    path.push(sub.name);
    scope = sub.subcommands ?? [];
  }
  return { argv: out, notes };
};
