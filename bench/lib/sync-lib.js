// Shared setup of the sync benchmarks (plain ESM over dist/). Not a benchmark itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (p) => join(ROOT, 'dist', p);

export const load = async () => ({
  ...(await import(dist('src/store/database.js'))),
  ...(await import(dist('src/sync/sync-service.js'))),
  ...(await import(dist('src/sync/sql-transport.js'))),
  ...(await import(dist('src/services/init-service.js'))),
  ...(await import(dist('src/config/secrets.js'))),
  ...(await import(dist('src/config/home.js'))),
});

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

const postgresBin = () => {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const v = readdirSync(base)
      .filter((d) => existsSync(join(base, d, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a))[0];
    if (v) return join(base, v, 'bin');
  }
  const r = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  return r.status === 0 && existsSync(join(r.stdout.trim(), 'initdb')) ? r.stdout.trim() : undefined;
};

const hubSql = () => {
  const dir = join(ROOT, 'supabase', 'migrations');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
};

/** The hub: the machine's PostgreSQL in a temp dir when available, else PGlite (said in the output). */
export const startHub = async (mod) => {
  const bin = postgresBin();
  if (!bin) {
    const { PGlite } = await import('@electric-sql/pglite');
    const pg = new PGlite();
    for (const s of hubSql()) await pg.exec(s);
    return {
      kind: 'pglite (PostgreSQL binaries not found)',
      transport: () => mod.sqlTransport({ target: 'pglite', connect: async () => pg }),
      stop: async () => pg.close(),
    };
  }
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'autoscale-bench-pg-'));
  if (root) {
    execFileSync('chown', ['postgres:postgres', dir]);
    chmodSync(dir, 0o700);
  }
  const run = (cmd, args) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'autoscale', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    'start',
  ]);
  const url = `postgres://autoscale@127.0.0.1:${port}/postgres`;
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  for (const s of hubSql()) await c.query(s);
  await c.end();
  const version = run('postgres', ['--version']).toString().trim();
  const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    url,
    kind: `local ${version} (temp data dir, default settings)`,
    cpuMs: () => serverCpuMs(postmaster),
    transport: () => mod.pgTransport(url, 30_000),
    stop: async () => {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** A replica in its own temp home (a real SQLite file, WAL, as the CLI uses). */
export const openReplica = async (mod, name) => {
  const home = mkdtempSync(join(tmpdir(), `autoscale-bench-${name}-`));
  const paths = mod.resolveHome(home, {});
  const opened = await mod.openDatabase(paths.database);
  const config = mod.buildInitialConfig({});
  let now = new Date('2026-11-25T12:00:00Z');
  const clock = { now: () => new Date(now.getTime()) };
  const deps = {
    db: opened.db,
    config,
    brandSlug: config.currentBrand,
    brand: config.brands[config.currentBrand],
    clock,
    env: mod.loadEnvironment(paths.env, {}),
    paths,
    writer: () => ({ now: clock.now().toISOString(), actor: `${name}@bench`, replica: `replica-${name}` }),
  };
  return {
    deps,
    raw: opened.raw,
    close: async () => {
      await opened.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
};

/** 10,000 posts, 3 variants each with their first version, 2 metric snapshots each (90,000 rows). */
export const seed = (raw, posts, replica) => {
  const now = '2026-11-25T12:00:00.000Z';
  const post =
    raw.prepare(`INSERT INTO posts (id, brand, content_type, topic, target_date, state, created_at, created_by, version, updated_at, updated_by)
    VALUES (?, 'autoscale-ai', 'tip', ?, '2026-11-26', 'published', ?, 'bench', 1, ?, ?)`);
  const variant =
    raw.prepare(`INSERT INTO variants (id, post_id, idx, style, current_version_no, quality_score, prompt_version, provider, model, created_at, version, updated_at, updated_by)
    VALUES (?, ?, ?, ?, 1, 80, 'p1', 'offline', 'offline', ?, 1, ?, ?)`);
  const version =
    raw.prepare(`INSERT INTO variant_versions (id, variant_id, version_no, text, headline, source, author, created_at, version, updated_at, updated_by)
    VALUES (?, ?, 1, ?, ?, 'generated', 'bench', ?, 1, ?, ?)`);
  const snap =
    raw.prepare(`INSERT INTO metric_snapshots (id, post_id, label, taken_at, views, unique_viewers, reactions, comments, shares, clicks, engagement_rate, basis, version, updated_at, updated_by)
    VALUES (?, ?, ?, ?, 1200, 800, 20, 3, 2, 14, 0.03125, 'unique_viewers', 1, ?, ?)`);
  const text =
    'Saviez-vous que 62 % des appels manqués ne rappellent jamais? Notre réceptionniste IA répond 24 h sur 24, en français québécois. '.repeat(
      3,
    );
  raw.transaction(() => {
    for (let i = 0; i < posts; i += 1) {
      const id = `p-${String(i).padStart(6, '0')}`;
      post.run(id, `sujet ${i}`, now, now, replica);
      for (const [idx, style] of ['professional', 'storytelling', 'question'].entries()) {
        const vid = `${id}-v${idx}`;
        variant.run(vid, id, idx, style, now, now, replica);
        version.run(`${vid}-1`, vid, text, `Titre ${i} ${style}`, now, now, replica);
      }
      snap.run(`${id}-24h`, id, '24h', now, now, replica);
      snap.run(`${id}-7d`, id, '7d', now, now, replica);
    }
  })();
};

// CPU time (user + system) of the postmaster and its children, from /proc: with other work on the
// machine, wall time says little; CPU time says what the sync itself costs.
const TICK_MS = 1000 / 100;
const procCpu = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime + stime, and for the postmaster also the reaped children's (a CLI's backend is gone
    // by the time it is read).
    return {
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
      children: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return undefined;
  }
};
const serverCpuMs = (postmaster) => {
  const own = procCpu(postmaster);
  let ticks = (own?.ticks ?? 0) + (own?.children ?? 0);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const p = procCpu(entry);
    if (p && p.ppid === postmaster) ticks += p.ticks;
  }
  return ticks * TICK_MS;
};

export const clientCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export const loadAverage = async () => (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10);

export const ms = (start) => Math.round((performance.now() - start) * 10) / 10;
