import type { Localized } from '../i18n/localized.js';

/**
 * Exit codes are part of the CLI contract (documented in README.md); never renumber them.
 */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  config: 3,
  notFound: 4,
  state: 5,
  store: 6,
  external: 7,
  busy: 8,
  quality: 9,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export type ErrorKind = Exclude<keyof typeof ExitCode, 'ok'>;

export interface AutoscaleErrorOptions {
  /** What the user can do about it; always shown after the message. */
  fix?: Localized;
  /** Machine-readable code, stable across releases (shown in --json output). */
  code?: string;
  cause?: unknown;
  details?: Record<string, unknown>;
}

/**
 * The one error hierarchy. Anything that is not an AutoscaleError reaching the exit point
 * is a bug and is reported as `internal` (exit 1).
 */
export class AutoscaleError extends Error {
  readonly kind: ErrorKind;
  readonly localized: Localized;
  readonly fix: Localized | undefined;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(kind: ErrorKind, message: Localized, options: AutoscaleErrorOptions = {}) {
    super(message.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.kind = kind;
    this.localized = message;
    this.fix = options.fix;
    this.code = options.code ?? kind;
    this.details = options.details;
  }

  get exitCode(): ExitCodeValue {
    return ExitCode[this.kind];
  }
}

export class UsageError extends AutoscaleError {
  constructor(message: Localized, options?: AutoscaleErrorOptions) {
    super('usage', message, { code: 'usage', ...options });
  }
}

export class ConfigError extends AutoscaleError {
  constructor(message: Localized, options?: AutoscaleErrorOptions) {
    super('config', message, { code: 'config', ...options });
  }
}

export class NotFoundError extends AutoscaleError {
  constructor(message: Localized, options?: AutoscaleErrorOptions) {
    super('notFound', message, { code: 'not_found', ...options });
  }
}

export class StateError extends AutoscaleError {
  constructor(message: Localized, options?: AutoscaleErrorOptions) {
    super('state', message, { code: 'invalid_state', ...options });
  }
}

export class StoreError extends AutoscaleError {
  constructor(message: Localized, options?: AutoscaleErrorOptions) {
    super('store', message, { code: 'store', ...options });
  }
}

/** A provider or platform (Claude, OpenAI, Facebook, Slack, Supabase...) failed. */
export class ExternalError extends AutoscaleError {
  readonly service: string;
  readonly retryable: boolean;
  constructor(service: string, message: Localized, options: AutoscaleErrorOptions & { retryable?: boolean } = {}) {
    super('external', message, { code: 'external', ...options });
    this.service = service;
    this.retryable = options.retryable ?? false;
  }
}

export class BusyError extends AutoscaleError {
  constructor(message: Localized, options?: AutoscaleErrorOptions) {
    super('busy', message, { code: 'busy', ...options });
  }
}

/**
 * A text did not pass a quality check: `lint` found errors (or more warnings than allowed), or
 * an approval was refused because the variant is below the quality gate without an override.
 */
export class QualityError extends AutoscaleError {
  constructor(message: Localized, options?: AutoscaleErrorOptions) {
    super('quality', message, { code: 'quality_gate', ...options });
  }
}

export const isAutoscaleError = (error: unknown): error is AutoscaleError => error instanceof AutoscaleError;
