import { Readable } from 'node:stream';
import { main } from '../../src/main/main.js';
import { cleanEnv, type CliResult } from './cli.js';

/**
 * Runs the CLI's main() in this process with captured streams: the same code path as the
 * built binary (argv → commander → handler → service → render → exit code), but visible to
 * coverage and fast. End-to-end tests still run the built binary as well.
 */
export const runInProcess = async (
  args: string[],
  options: { home: string; env?: Record<string, string>; input?: string },
): Promise<CliResult> => {
  let stdout = '';
  let stderr = '';
  const stdin = Readable.from([options.input ?? '']) as NodeJS.ReadableStream & { isTTY?: boolean };
  const code = await main({
    argv: [process.execPath, 'autoscale', ...args],
    env: cleanEnv(options.home, options.env),
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: false, columns: 120 },
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: false },
    stdin,
  });
  return { code, stdout, stderr };
};
