import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseEnv } from 'node:util';
import { ensurePrivateDir, PRIVATE_FILE, writeFileAtomic } from '../fs/private-files.js';

export const SIGNING_SECRET_NAME = 'APPROVAL_SIGNING_SECRET';

/**
 * Makes sure `<home>/.env` holds the key that signs review links and media URLs. Created once
 * (32 random bytes, hex) and kept: replacing it voids every link already sent. The file is
 * rewritten atomically with mode 0600 and keeps every other line as it was. Returns whether it
 * was created now. A secret given in the process environment wins and nothing is written.
 */
export const ensureSigningSecret = (envPath: string, processEnv: NodeJS.ProcessEnv): boolean => {
  if (processEnv[SIGNING_SECRET_NAME]) return false;
  const existing = existsSync(envPath) ? readFileSync(envPath, 'utf8') : '';
  let parsed: Record<string, string>;
  try {
    parsed = parseEnv(existing) as Record<string, string>;
  } catch {
    parsed = {};
  }
  if (parsed[SIGNING_SECRET_NAME]) {
    if (existsSync(envPath)) chmodSync(envPath, PRIVATE_FILE);
    return false;
  }
  const line = `# Signs review links and media URLs (autoscale link / serve). Changing it voids sent links.\n${SIGNING_SECRET_NAME}=${randomBytes(32).toString('hex')}\n`;
  const text = existing && !existing.endsWith('\n') ? `${existing}\n${line}` : `${existing}${line}`;
  ensurePrivateDir(dirname(envPath));
  // The shared writer: a full disk leaves the old .env as it was and no temp file behind.
  writeFileAtomic(envPath, text, PRIVATE_FILE);
  return true;
};
