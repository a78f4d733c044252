import { hostname, userInfo } from 'node:os';
import type { Clock } from '../domain/clock.js';
import type { Config, BrandConfig } from '../config/schema.js';
import type { HomePaths } from '../config/home.js';
import type { Environment } from '../config/secrets.js';
import type { Lang } from '../i18n/localized.js';
import type { Db, OpenedDatabase } from '../store/database.js';
import type { WriteContext } from '../store/write-context.js';
import { NotFoundError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { Output, Writable } from './output.js';

export interface GlobalOptions {
  json: boolean;
  verbose: boolean;
  home?: string | undefined;
  lang?: Lang | undefined;
  brand?: string | undefined;
  /** The global `--now`: act as if it were this instant. */
  now?: Date | undefined;
  /** `--wide`: full-width tables. */
  wide?: boolean | undefined;
}

export interface BrandRef {
  slug: string;
  config: BrandConfig;
}

/**
 * Built once per invocation and passed down: no module-level singletons. Config and database
 * are opened on first use so commands that need neither stay fast.
 */
export interface AppContext {
  readonly options: GlobalOptions;
  readonly lang: Lang;
  readonly paths: HomePaths;
  readonly env: Environment;
  readonly clock: Clock;
  readonly out: Output;
  readonly actor: string;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly processEnv: NodeJS.ProcessEnv;
  config(): Config;
  /** Replace the cached config after a command saved a new one. */
  setConfig(config: Config): void;
  brand(): BrandRef;
  database(): Promise<Db>;
  opened(): OpenedDatabase | undefined;
  writer(actor?: string): Promise<WriteContext>;
  close(): Promise<void>;
  /** A command that printed its result but must still exit non-zero (doctor with failures). */
  exitCode: number;
}

export interface ContextDeps {
  options: GlobalOptions;
  lang: Lang;
  paths: HomePaths;
  env: Environment;
  clock: Clock;
  out: Output;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  processEnv: NodeJS.ProcessEnv;
  loadConfig: () => Config;
  openDatabase: () => Promise<OpenedDatabase>;
  replicaId: (db: Db) => Promise<string>;
}

export const defaultActor = (): string => {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return `unknown@${hostname()}`;
  }
};

export const createContext = (deps: ContextDeps): AppContext => {
  let config: Config | undefined;
  let opened: OpenedDatabase | undefined;
  let opening: Promise<OpenedDatabase> | undefined;
  let replica: string | undefined;
  const actor = defaultActor();
  const ctx: AppContext = {
    options: deps.options,
    lang: deps.lang,
    paths: deps.paths,
    env: deps.env,
    clock: deps.clock,
    out: deps.out,
    actor,
    stdin: deps.stdin,
    processEnv: deps.processEnv,
    config() {
      config ??= deps.loadConfig();
      return config;
    },
    setConfig(next) {
      config = next;
    },
    brand() {
      const cfg = ctx.config();
      const slug = deps.options.brand ?? cfg.currentBrand;
      const brand = cfg.brands[slug];
      if (!brand) {
        throw new NotFoundError(
          l(
            `Unknown brand "${slug}" (known: ${Object.keys(cfg.brands).join(', ')}).`,
            `Marque inconnue « ${slug} » (connues : ${Object.keys(cfg.brands).join(', ')}).`,
          ),
          {
            code: 'unknown_brand',
            fix: l(
              'Use `autoscale brand list` to see the brands, or `autoscale brand add <name>`.',
              'Voyez `autoscale brand list`, ou ajoutez-la avec `autoscale brand add <nom>`.',
            ),
          },
        );
      }
      return { slug, config: brand };
    },
    async database() {
      opening ??= deps.openDatabase();
      opened = await opening;
      return opened.db;
    },
    opened: () => opened,
    async writer(as) {
      const db = await ctx.database();
      replica ??= await deps.replicaId(db);
      return { now: deps.clock.now().toISOString(), actor: as ?? actor, replica };
    },
    exitCode: 0,
    async close() {
      if (opening) {
        const db = await opening.catch(() => undefined);
        await db?.close();
      }
    },
  };
  return ctx;
};

/** The process as main() sees it (tests pass their own streams). */
export interface MainIO {
  argv: string[];
  env: NodeJS.ProcessEnv;
  stdout: Writable & { columns?: number };
  stderr: Writable;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}
