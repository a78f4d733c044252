import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, runCli, runCliAsync, tempHome } from '../helpers/cli.js';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';

// Needs the built CLI (npm test builds first).
let fake: AnthropicFake;
const home = tempHome('autoscale-kill-');
beforeAll(async () => {
  fake = await startAnthropicFake();
});
afterAll(async () => {
  await fake.close();
  home.cleanup();
});

/** Async: the fake runs in this process, so a blocking spawnSync would starve it. */
const runCliAwait = (args: string[], extra: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = runCliAsync(args, { home: home.dir, env: extra });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });

const env = () => ({ ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: fake.url, AUTOSCALE_RETRY_MIN_MS: '1' });
const userOf = (body: any): string => body.messages.map((m: any) => m.content).join('\n');

const query = <T>(statement: string): T[] => {
  const file = join(home.dir, 'autoscale.db');
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(statement).all() as T[];
  } catch {
    return [];
  } finally {
    db.close();
  }
};
const ledgerRows = (runClause = '') =>
  query<{ step_key: string; post_id: string | null }>(
    `select step_key, post_id from llm_calls ${runClause} order by step_key`,
  );

describe('generate killed mid-run resumes without paying twice', () => {
  it('SIGKILL after two of three variants are paid; the re-run pays only the third', async () => {
    expect(runCli(['init', '--yes'], { home: home.dir }).code).toBe(0);
    // The question variant stalls, so the process is killed with exactly two answers paid.
    fake.setHang((body) => userOf(body).includes('Style « question »'));
    const child = runCliAsync(['generate', '--type', 'case_study', '--date', '2026-12-01', '--json'], {
      home: home.dir,
      env: env(),
    });
    const deadline = Date.now() + 30_000;
    const writers = ['variant:professional', 'variant:storytelling'];
    const bothPaid = () => writers.every((k) => ledgerRows().some((r) => r.step_key === k));
    while (!bothPaid() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(bothPaid()).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // Paid before the kill: the two writers, and the independent judges that had answered.
    const paidAtKill = ledgerRows().map((r) => r.step_key);
    expect(paidAtKill.every((k) => !k.includes('question'))).toBe(true);
    const requestsAtKill = fake.messageRequests().length;

    fake.setHang(undefined);
    const rerun = await runCliAwait(['generate', '--type', 'case_study', '--date', '2026-12-01', '--json'], env());
    expect(rerun.code, rerun.stderr).toBe(0);
    const out = json(rerun);
    expect(out.generation).toMatchObject({ provider: 'anthropic', resumed: true, reusedSteps: paidAtKill.length });
    const rows = ledgerRows();
    expect(rows.map((r) => r.step_key)).toEqual([
      'judge:professional:r0',
      'judge:question:r0',
      'judge:storytelling:r0',
      'variant:professional',
      'variant:question',
      'variant:storytelling',
    ]);
    // Only what was not paid before the kill was asked again (the question's writer and judge,
    // and any judge still in flight): nothing paid twice.
    expect(fake.messageRequests().length - requestsAtKill).toBe(rows.length - paidAtKill.length);
    expect(
      fake
        .messageRequests()
        .slice(requestsAtKill)
        .some((r) => userOf(r.body).includes('Style « question »')),
    ).toBe(true);
    expect(new Set(rows.map((r) => r.post_id))).toEqual(new Set([out.id]));
    expect(out.variants).toHaveLength(3);

    const costs = json(runCli(['costs', '--all', '--json'], { home: home.dir }));
    expect(costs.total.calls).toBe(6);
    expect(costs.posts[0].postId).toBe(out.id);
    expect(costs.posts[0].costUsd).toBeGreaterThan(0);
    const shown = runCli(['show', out.id], { home: home.dir });
    expect(shown.stdout).toMatch(/Cost: \$0\.0\d+/);
  });

  it('without --type: the re-run gets the interrupted run’s plan back (no new optimizer draw, same type and styles)', async () => {
    const date = '2026-12-02';
    const decisions = () => query<{ n: number }>('select count(*) as n from optimizer_decisions')[0]?.n ?? 0;
    const decisionsBefore = decisions();
    const runOf = `where run_id in (select id from generation_runs where target_date = '${date}')`;
    fake.setHang((body) => userOf(body).includes('Style « question »'));
    const child = runCliAsync(['generate', '--date', date, '--json'], { home: home.dir, env: env() });
    const deadline = Date.now() + 30_000;
    while (ledgerRows(runOf).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(ledgerRows(runOf).length).toBeGreaterThanOrEqual(2);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const requestsAtKill = fake.messageRequests().length;
    const paidAtKill = ledgerRows(runOf).map((r) => r.step_key);
    expect(decisions()).toBe(decisionsBefore + 1);
    const [run] = query<{ content_type: string; plan: string }>(
      `select content_type, plan from generation_runs where target_date = '${date}'`,
    );
    expect(JSON.parse(run!.plan)).toMatchObject({ contentType: run!.content_type });

    fake.setHang(undefined);
    const rerun = await runCliAwait(['generate', '--date', date, '--json'], env());
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(/Resuming an interrupted run|Reprise d’une génération interrompue/);
    const out = json(rerun);
    expect(out.generation).toMatchObject({ resumed: true });
    expect(out.contentType).toBe(run!.content_type);
    expect(out.variants.map((v: { style: string }) => v.style)).toEqual(JSON.parse(run!.plan).styles);
    // Only the stalled variant was paid again, and the optimizer was not asked a second time.
    expect(out.generation.reusedSteps).toBe(paidAtKill.length);
    // Every request of the re-run is a new paid step (none repeats one paid before the kill).
    const paid = ledgerRows(runOf).map((r) => r.step_key);
    expect(new Set(paid).size).toBe(paid.length);
    expect(paid).toEqual(expect.arrayContaining(paidAtKill));
    expect(fake.messageRequests().length - requestsAtKill).toBe(paid.length - paidAtKill.length);
    // Only the optimizer's first decision exists: the re-run did not draw again.
    expect(decisions()).toBe(decisionsBefore + 1);
    expect(query<{ n: number }>(`select count(*) as n from generation_runs where target_date = '${date}'`)[0]!.n).toBe(
      1,
    );
  });
});
