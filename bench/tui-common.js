// Shared by the studio benchmarks: a temp home with N posts in review, and the built CLI run
// in a real pseudo-terminal (util-linux `script`) so Ink draws exactly as it does for a user.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

export const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'autoscale.js');
const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;

export const NOW = '2026-11-24T15:00:00Z';

const TEXT = [
  'Les rendez-vous manqués ont baissé de 22 % en deux mois, et la réception a récupéré environ 6 heures par semaine.',
  '',
  'Le point de départ : la réception d’une clinique dentaire passait ses matinées à gérer les annulations.',
  '',
  'Écrivez-nous « DÉMO » en message privé pour entendre la réceptionniste répondre à votre place.',
].join('\n');

/** A home with `count` posts in review (3 variants each), written through the repositories. */
export const seedHome = async (count) => {
  const home = mkdtempSync(join(tmpdir(), 'autoscale-bench-'));
  const env = { ...cleanEnv(home) };
  const init = spawnSync(process.execPath, [BIN, 'init', '--yes'], { env, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(init.stderr);
  const { openDatabase } = await import(dist('src/store/database.js'));
  const { insertPost } = await import(dist('src/store/posts-repo.js'));
  const { insertVariant } = await import(dist('src/store/variants-repo.js'));
  const { newId } = await import(dist('src/store/ids.js'));
  const { immediate } = await import(dist('src/store/tx.js'));
  const opened = await openDatabase(join(home, 'autoscale.db'));
  const start = Date.parse(NOW) - count * 60_000;
  await immediate(opened.db, async (trx) => {
    for (let i = 0; i < count; i += 1) {
      const w = { now: new Date(start + i * 60_000).toISOString(), actor: 'bench@local', replica: 'bench' };
      const id = newId();
      await insertPost(trx, w, {
        id,
        brand: 'autoscale-ai',
        contentType: 'case_study',
        topic: null,
        targetDate: '2026-11-25',
        state: 'in_review',
      });
      for (const [idx, style] of ['professional', 'storytelling', 'question'].entries()) {
        await insertVariant(trx, w, {
          postId: id,
          idx: idx + 1,
          style,
          text: `${TEXT}\n#${i}`,
          headline: `Titre ${i}`,
          promptVersion: 'bench',
          provider: 'offline',
          model: 'bench',
          qualityScore: 70 + idx,
        });
      }
    }
  });
  await opened.close();
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
};

export const cleanEnv = (home) => ({
  PATH: process.env.PATH,
  HOME: home,
  AUTOSCALE_HOME: home,
  TERM: 'xterm-256color',
  LANG: 'en_US.UTF-8',
  TZ: 'UTC',
});

/**
 * Starts a command in a pseudo-terminal of the given size. Returns helpers to wait for output
 * (timestamps from performance.now()) and to type.
 */
export const inPty = (command, home, { columns = 80, rows = 24 } = {}) => {
  const quoted = command.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', `stty cols ${columns} rows ${rows}; exec ${quoted}`, '/dev/null'], {
    env: cleanEnv(home),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let buffer = '';
  const waiters = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    const at = performance.now();
    buffer += chunk;
    for (const w of [...waiters]) {
      const seen = buffer.slice(w.from);
      if (w.check(seen)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(at);
      }
    }
  });
  return {
    child,
    mark: () => buffer.length,
    /** Resolves with the time the first output chunk after `from` satisfying `check` arrived. */
    waitFor: (check, from = 0, timeoutMs = 15_000) =>
      new Promise((resolvePromise, reject) => {
        if (check(buffer.slice(from))) return resolvePromise(performance.now());
        const timer = setTimeout(
          () => reject(new Error(`timeout; output tail: ${JSON.stringify(buffer.slice(-400))}`)),
          timeoutMs,
        );
        waiters.push({ from, check, resolve: (t) => (clearTimeout(timer), resolvePromise(t)) });
      }),
    type: (s) => child.stdin.write(s),
    stop: () =>
      new Promise((r) => {
        child.once('exit', r);
        child.kill('SIGTERM');
      }),
  };
};

/**
 * CPU time (user + system, ms) used so far by the processes under `pid` (script → node): a
 * figure that, unlike wall time, barely moves when other work shares the machine.
 */
export const treeCpuMs = (pid) => {
  const ticks = 100; // USER_HZ on Linux
  const walk = (p) => {
    let total = 0;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
      const children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      for (const c of children) total += walk(Number(c));
    } catch {
      // The process ended meanwhile.
    }
    return total;
  };
  return walk(pid);
};

export const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return {
    n: s.length,
    min: +s[0].toFixed(1),
    median: +q(0.5).toFixed(1),
    p95: +q(0.95).toFixed(1),
    max: +s[s.length - 1].toFixed(1),
  };
};

export { BIN };
