// Time and peak memory to post-process one 1536×1024 provider image into the 1200×630 feed
// image (EXIF-aware crop/resize, contrast probe, SVG text overlay, JPEG encode: a photo is one JPEG), from dist/:
//   npm run build && node bench/image-postprocess.js [processes] [warm-runs]
// Target (issue 4): under 300 ms and 150 MB on this machine.
//
// Method: each measurement is a fresh node process that loads the fonts and post-processes the
// image once, as `autoscale image` does; its peak RSS (getrusage maxrss) is the whole process,
// node and libvips included. A second figure times warm runs in one long-lived process (daemon).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const HEADLINE = 'Plomberie à Laval : 27 appels du soir captés en un mois';
const self = new URL(import.meta.url).pathname;

const once = async (input) => {
  const t0 = performance.now();
  const { autoscaleBrand } = await import('../dist/src/config/defaults.js');
  const { loadFonts } = await import('../dist/src/images/fonts.js');
  const { renderOnPhoto } = await import('../dist/src/images/render.js');
  const fonts = await loadFonts();
  const photo = readFileSync(input);
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const out = await renderOnPhoto(fonts, autoscaleBrand().profile, HEADLINE, photo, 'bench');
  const cpu = process.cpuUsage(c1);
  const t2 = performance.now();
  if (out.width !== 1200 || out.height !== 630) throw new Error('wrong size');
  return {
    loadMs: t1 - t0,
    processMs: t2 - t1,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    feedFormat: out.feedFormat,
    feedBytes: out.feed.length,
    jpegBytes: out.jpeg.length,
  };
};

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await once(process.argv[3])));
  process.exit(0);
}

const processes = Number(process.argv[2] ?? 7);
const warmRuns = Number(process.argv[3] ?? 15);
const dir = mkdtempSync(join(tmpdir(), 'autoscale-bench-'));
const input = join(dir, 'photo.png');
try {
  const made = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { syntheticPhoto } from ${JSON.stringify(new URL('./lib/synthetic-photo.js', import.meta.url).href)};
     import { writeFileSync } from 'node:fs';
     writeFileSync(${JSON.stringify(input)}, await syntheticPhoto(1536, 1024, { seed: 11 }));`,
    ],
    { stdio: 'inherit' },
  );
  if (made.status !== 0) throw new Error('could not make the input image');

  const fresh = [];
  for (let i = 0; i < processes; i++) {
    const r = spawnSync(process.execPath, [self, '--child', input], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    fresh.push(JSON.parse(r.stdout));
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const max = (xs) => Math.max(...xs);

  // Warm: one long-lived process (the daemon case); time only.
  const { autoscaleBrand } = await import('../dist/src/config/defaults.js');
  const { loadFonts } = await import('../dist/src/images/fonts.js');
  const { renderOnPhoto } = await import('../dist/src/images/render.js');
  const fonts = await loadFonts();
  const photo = readFileSync(input);
  await renderOnPhoto(fonts, autoscaleBrand().profile, HEADLINE, photo, 'warm-up');
  const warm = [];
  for (let i = 0; i < warmRuns; i++) {
    const s = performance.now();
    await renderOnPhoto(fonts, autoscaleBrand().profile, `${HEADLINE} ${i}`, photo, `w${i}`);
    warm.push(performance.now() - s);
  }
  warm.sort((a, b) => a - b);

  const result = {
    node: process.version,
    cpus: cpus().length,
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
    input: '1536x1024 PNG (synthetic photo with grain)',
    freshProcess: {
      runs: processes,
      processMsMedian: Math.round(med(fresh.map((f) => f.processMs))),
      processMsMax: Math.round(max(fresh.map((f) => f.processMs))),
      // CPU time (all threads) is steadier than wall time on a shared machine.
      cpuMsMedian: Math.round(med(fresh.map((f) => f.cpuMs))),
      fontsAndImportsMsMedian: Math.round(med(fresh.map((f) => f.loadMs))),
      peakRssMbMedian: Math.round(med(fresh.map((f) => f.peakRssMb))),
      peakRssMbMax: Math.round(max(fresh.map((f) => f.peakRssMb))),
      feedFormat: fresh[0].feedFormat,
      feedKb: Math.round(fresh[0].feedBytes / 1024),
      jpegKb: Math.round(fresh[0].jpegBytes / 1024),
    },
    warmInOneProcess: {
      runs: warmRuns,
      medianMs: Math.round(warm[Math.floor(warm.length / 2)]),
      p95Ms: Math.round(warm[Math.min(warm.length - 1, Math.floor(warm.length * 0.95))]),
    },
    targets: { ms: 300, mb: 150 },
  };
  result.pass = result.freshProcess.processMsMax < 300 && result.freshProcess.peakRssMbMax < 150;
  console.log(JSON.stringify(result, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
