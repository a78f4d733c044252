import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'autoscale.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const tempHome = (prefix = 'autoscale-test-'): { dir: string; cleanup: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

/** Environment with no keys and no network settings, so tests never reach a real service. */
export const cleanEnv = (home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: home,
  AUTOSCALE_HOME: home,
  LANG: 'en_US.UTF-8',
  NO_COLOR: '1',
  TZ: 'UTC',
  ...extra,
});

/** Runs the built CLI (dist/) as a user would. */
export const runCli = (
  args: string[],
  options: { home: string; env?: Record<string, string>; input?: string },
): CliResult => {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: cleanEnv(options.home, options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
};

export const runCliAsync = (args: string[], options: { home: string; env?: Record<string, string> }) =>
  spawn(process.execPath, [BIN, ...args], {
    env: cleanEnv(options.home, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/**
 * The built CLI without blocking this process, for tests whose loopback fakes answer from this
 * event loop. Resolves on 'close', when both pipes are drained.
 */
export const runCliCollect = (args: string[], home: string, env: Record<string, string> = {}): Promise<CliResult> =>
  new Promise((resolve) => {
    const child = runCliAsync(args, { home, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });

export const json = <T = any>(result: CliResult): T => {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
};
