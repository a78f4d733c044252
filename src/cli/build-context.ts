import { fixedClock, systemClock } from '../domain/clock.js';
import { migrateLegacyConfig, resolveHome } from '../config/home.js';
import { readConfig } from '../config/load.js';
import { exposedDotenv, loadEnvironment } from '../config/secrets.js';
import { describeUnknown, describeUnknownFr } from '../config/unknown-keys.js';
import { createRedactor, createValueRedactor } from '../domain/redact.js';
import { l, type Lang } from '../i18n/localized.js';
import { checkDatabaseFile, openDatabase } from '../store/database.js';
import { replicaId } from '../store/meta-repo.js';
import { ensureHome, tightenHome } from '../services/home-service.js';
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
  const secrets = env.secretValues();
  const out = createOutput({
    redact: createRedactor(secrets),
    redactData: createValueRedactor(secrets),
    json: options.json,
    verbose: options.verbose,
    lang,
    stdout: io.stdout,
    stderr: io.stderr,
    colourOut: input.colour && colourEnabled(io.stdout, io.env),
    colourErr: input.colour && colourEnabled(io.stderr, io.env),
    width: layoutWidth(io.stdout, io.env, options.wide ?? false),
  });
  for (const t of tightenHome(paths)) {
    out.note(
      l(
        `${t.path} was open to other users (${t.from.toString(8)}); made private.`,
        `${t.path} était ouvert aux autres utilisateurs (${t.from.toString(8)}); rendu privé.`,
      ),
    );
  }
  const exposed = exposedDotenv(paths.env);
  if (exposed !== undefined) {
    out.warn(
      l(
        `${paths.env} holds keys and other users can read it (mode ${exposed.toString(8)}). Fix: chmod 600 ${paths.env}`,
        `${paths.env} contient des clés et d’autres utilisateurs peuvent le lire (mode ${exposed.toString(8)}). Solution : chmod 600 ${paths.env}`,
      ),
    );
  }
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
        const config = createDefaultConfig(paths);
        out.note(
          l(
            `No configuration yet: using the AutoScale AI defaults, written to ${paths.config} (change them with \`autoscale init\` or \`autoscale config set\`).`,
            `Pas encore de configuration : valeurs par défaut d’AutoScale AI utilisées, écrites dans ${paths.config} (modifiez-les avec \`autoscale init\` ou \`autoscale config set\`).`,
          ),
        );
        return config;
      }
      const { config, unknown } = readConfig(paths.config, paths.root);
      if (unknown.length > 0) {
        out.warn(
          l(
            `${paths.config}: unknown key(s) ${unknown.map(describeUnknown).join(', ')}; kept in the file but without effect.`,
            `${paths.config} : clé(s) inconnue(s) ${unknown.map(describeUnknownFr).join(', ')}; conservée(s) dans le fichier mais sans effet.`,
          ),
        );
      }
      return config;
    },
    openDatabase: async () => {
      ensureHome(paths, { media: false });
      const opened = await openDatabase(paths.database, { secrets });
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
