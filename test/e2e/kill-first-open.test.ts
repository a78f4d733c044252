import { describe, expect, it } from 'vitest';
import { json, runCli, runCliAsync, tempHome } from '../helpers/cli.js';

/**
 * The first command on a fresh home creates and migrates the database. SIGKILL at spread-out
 * moments of that first open must never leave a half-migrated file: the next command works.
 */
describe('the first database open killed with SIGKILL', () => {
  it('leaves a database the next command can use', async () => {
    for (let i = 0; i < 16; i += 1) {
      const home = tempHome();
      expect(runCli(['init', '--yes'], { home: home.dir }).code).toBe(0);
      const child = runCliAsync(['list', '--json'], { home: home.dir });
      const delay = 30 + ((i * 23) % 200);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), delay);
        child.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      const after = runCli(['list', '--json'], { home: home.dir });
      expect(after.stderr).toBe('');
      expect(after.code).toBe(0);
      expect(json(after).count).toBe(0);
      home.cleanup();
    }
  });
});
