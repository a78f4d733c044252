import { fixedClock, systemClock } from '../domain/clock.js';
import { migrateLegacyConfig, resolveHome } from '../config/home.js';
import { loadConfig } from '../config/load.js';
import { loadEnvironment } from '../config/secrets.js';
import { l, type Lang } from '../i18n/localized.js';
import { checkDatabaseFile, openDatabase } from '../store/database.js';
import { replicaId } from '../store/meta-repo.js';
import { ensureHome } from '../services/home-service.js';
import { createDefaultConfig } from '../services/init-service.js';
import { existsSync } from 'node:fs';
import { createContext, type AppContext, type GlobalOptions } from './context.js';
import { createOutput } from './output.js';
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
    columns: io.stdout.columns,
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
      const moved = migrateLegacyConfig(paths);
      if (moved) {
        out.note(
          l(
            `Moved the configuration from ${moved} to ${paths.config} (configuration belongs under XDG_CONFIG_HOME).`,
            `Configuration déplacée de ${moved} vers ${paths.config} (la configuration va sous XDG_CONFIG_HOME).`,
          ),
        );
      }
      if (!existsSync(paths.config)) {
        // Embedded default: a fresh machine works at once with the AutoScale AI profile. Nothing
        // is written beside a database that is not ours (corrupt, foreign): it fails first.
        checkDatabaseFile(paths.database);
        ensureHome(paths);
        const config = createDefaultConfig(paths, lang);
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
      ensureHome(paths, { media: false });
      const opened = await openDatabase(paths.database);
      try {
        ensureHome(paths);
      } catch (error) {
        await opened.close();
        throw error;
      }
      return opened;
    },
    replicaId,
  });
};
