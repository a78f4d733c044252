#!/usr/bin/env node
// Idle resident memory and CPU of the real daemon process over a measured interval.
// Usage: node bench/daemon-idle.js [--seconds 600] [--warmup 10]   (build first: npm run build)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('seconds', Number(process.env.DAEMON_IDLE_SECONDS ?? 600));
const warmup = arg('warmup', 10);
const bin = new URL('../bin/autoscale.js', import.meta.url).pathname;
const home = mkdtempSync(join(tmpdir(), 'autoscale-bench-idle-'));
const env = { PATH: process.env.PATH, HOME: home, AUTOSCALE_HOME: home, LANG: 'en_US.UTF-8', NO_COLOR: '1' };
spawnSync(process.execPath, [bin, 'init', '--yes'], { env, stdio: 'ignore' });

const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);
const cpuTicks = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
};
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const child = spawn(process.execPath, [bin, 'daemon', '--log-level', 'warn'], {
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
await sleep(warmup * 1000);
const startCpu = cpuTicks(child.pid);
const startAt = process.hrtime.bigint();
const samples = [];
const end = Date.now() + seconds * 1000;
while (Date.now() < end) {
  samples.push(rssMb(child.pid));
  await sleep(Math.min(5000, Math.max(end - Date.now(), 10)));
}
samples.push(rssMb(child.pid));
const cpu = (cpuTicks(child.pid) - startCpu) / ticks;
const wall = Number(process.hrtime.bigint() - startAt) / 1e9;
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(home, { recursive: true, force: true });
const result = {
  node: process.version,
  intervalSeconds: Math.round(wall),
  warmupSeconds: warmup,
  cpuSeconds: Number(cpu.toFixed(3)),
  cpuPercentOfOneCore: Number(((cpu / wall) * 100).toFixed(3)),
  rssMb: {
    start: Number(samples[0].toFixed(1)),
    max: Number(Math.max(...samples).toFixed(1)),
    end: Number(samples.at(-1).toFixed(1)),
  },
  samples: samples.length,
};
console.log(JSON.stringify(result, null, 2));
