import { fixedClock, systemClock } from '../domain/clock.js';
import { resolveHome } from '../config/home.js';
import { loadConfig } from '../config/load.js';
import { loadEnvironment } from '../config/secrets.js';
import { l, type Lang } from '../i18n/localized.js';
import { openDatabase } from '../store/database.js';
import { replicaId } from '../store/meta-repo.js';
import { ensureHome } from '../services/home-service.js';
import { createDefaultConfig } from '../services/init-service.js';
import { existsSync } from 'node:fs';
import { createContext, type AppContext, type GlobalOptions } from './context.js';
import { createOutput } from './output.js';
import { layoutWidth } from './width.js';
import { colourEnabled } from '../present/style.js';
import type { MainIO } from './context.js';

export const buildContext = async (input: {
  options: GlobalOptions;
  lang: Lang;
  io: MainIO;
  colour: boolean;
}): Promise<AppContext> => {
  const { options, io } = input;
  const lang = options.lang ?? input.lang;
  const clock = options.now ? fixedClock(options.now) : systemClock();
  const paths = resolveHome(options.home, io.env);
  const env = loadEnvironment(paths.env, io.env);
  const out = createOutput({
    json: options.json,
    verbose: options.verbose,
    lang,
    stdout: io.stdout,
    stderr: io.stderr,
    colourOut: input.colour && colourEnabled(io.stdout, io.env),
    colourErr: input.colour && colourEnabled(io.stderr, io.env),
    width: layoutWidth(io.stdout, io.env, options.wide ?? false),
  });
  return createContext({
    options,
    lang,
    paths,
    env,
    clock,
    out,
    stdin: io.stdin,
    processEnv: io.env,
    loadConfig: () => {
      if (!existsSync(paths.config)) {
        // Embedded default: a fresh machine works at once with the AutoScale AI profile.
        ensureHome(paths);
        const config = createDefaultConfig(paths);
        out.note(
          l(
            `No configuration yet: using the AutoScale AI defaults, written to ${paths.config} (change them with \`autoscale init\` or \`autoscale config set\`).`,
            `Pas encore de configuration : valeurs par défaut d’AutoScale AI utilisées, écrites dans ${paths.config} (modifiez-les avec \`autoscale init\` ou \`autoscale config set\`).`,
          ),
        );
        return config;
      }
      return loadConfig(paths.config, paths.root);
    },
    openDatabase: async () => {
      ensureHome(paths);
      return openDatabase(paths.database);
    },
    replicaId,
  });
};
