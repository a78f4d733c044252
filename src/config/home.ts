import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface HomePaths {
  root: string;
  config: string;
  database: string;
  media: string;
  env: string;
  outbox: string;
  daemonLock: string;
}

/** --home, then AUTOSCALE_HOME, then $XDG_DATA_HOME/autoscale (~/.local/share/autoscale). */
export const resolveHome = (flag: string | undefined, env: NodeJS.ProcessEnv): HomePaths => {
  const root = resolve(
    flag ??
      env.AUTOSCALE_HOME ??
      join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), 'autoscale'),
  );
  return {
    root,
    config: join(root, 'config.json'),
    database: join(root, 'autoscale.db'),
    media: join(root, 'media'),
    env: join(root, '.env'),
    outbox: join(root, 'dry-run'),
    daemonLock: join(root, 'daemon.lock'),
  };
};
