import type { Clock } from '../domain/clock.js';
import type { HomePaths } from '../config/home.js';
import type { BrandConfig, Config } from '../config/schema.js';
import type { CheckResult } from '../domain/checks.js';
import type { Environment } from '../config/secrets.js';
import type { Db } from '../store/database.js';
import type { WriteContext } from '../store/write-context.js';

/** What services receive. Services never read flags or process.env directly. */
export interface ServiceDeps {
  db: Db;
  config: Config;
  brandSlug: string;
  brand: BrandConfig;
  clock: Clock;
  env: Environment;
  paths: HomePaths;
  writer: () => WriteContext;
}

/**
 * Progress events a long service reports; commands render them (a spinner with the detail, or a
 * bar with rate and time left when `done` and `total` are known).
 */
export type ProgressSink = (event: {
  step: string;
  detail?: string | undefined;
  done?: number | undefined;
  total?: number | undefined;
  /** What `done` counts: 'posts', 'rows', 'bytes'. */
  unit?: string | undefined;
}) => void;

export interface DoctorInput {
  paths: HomePaths;
  env: Environment;
  clock: Clock;
  nodeVersion: string;
}

/** A check may add results; more checks (providers, Facebook token, sync) plug in here. */
export type DoctorCheck = (input: DoctorInput, config: Config | undefined) => Promise<CheckResult[]>;
