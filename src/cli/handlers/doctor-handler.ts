import { ExitCode } from '../../errors/errors.js';
import type { DoctorCheck } from '../../deps/service-deps.js';
import { CHECK_STATUS_LABELS } from '../../present/labels.js';
import { fitLine } from '../../present/text.js';
import { runDoctor } from '../../services/doctor-service.js';
import type { AppContext } from '../context.js';

/** Checks contributed by other parts (providers, Facebook token, sync) are listed here. */
const extraChecks = async (): Promise<DoctorCheck[]> => {
  const [{ textModelCheck }, { facebookTokenCheck }, { instagramCheck }, { linkedinCheck }] = await Promise.all([
    import('../../providers/model-check.js'),
    import('../../platforms/facebook/doctor-check.js'),
    import('../../platforms/instagram/doctor-check.js'),
    import('../../platforms/linkedin/doctor-check.js'),
  ]);
  return [textModelCheck, facebookTokenCheck, instagramCheck, linkedinCheck];
};

export const runDoctorCommand = async (ctx: AppContext) => {
  const results = await runDoctor(
    { paths: ctx.paths, env: ctx.env, clock: ctx.clock, nodeVersion: process.version },
    await extraChecks(),
  );
  const failed = results.filter((r) => r.status === 'fail');
  ctx.out.data(
    {
      ok: failed.length === 0,
      checks: results.map((r) => ({
        id: r.id,
        status: r.status,
        message: ctx.out.t(r.message),
        fix: r.fix ? ctx.out.t(r.fix) : null,
      })),
    },
    () => {
      const s = ctx.out.style;
      const word = (status: keyof typeof CHECK_STATUS_LABELS) => ctx.out.t(CHECK_STATUS_LABELS[status]);
      const width = Math.max(...results.map((r) => word(r.status).length));
      const mark = {
        ok: s.green(`✔ ${word('ok').padEnd(width)}`),
        warn: s.yellow(`! ${word('warn').padEnd(width)}`),
        fail: s.red(`✖ ${word('fail').padEnd(width)}`),
        info: s.cyan(`i ${word('info').padEnd(width)}`),
      };
      // Long messages wrap under their own start, at the terminal's width (80 columns at least).
      const hang = width + 4;
      const fit = (line: string) => fitLine(line, ctx.out.width, hang);
      return results
        .map(
          (r) =>
            `${fit(`${mark[r.status]}  ${ctx.out.t(r.message)}`)}${r.fix && r.status !== 'ok' ? `\n${fitLine(`${' '.repeat(hang)}→ ${ctx.out.t(r.fix)}`, ctx.out.width, hang + 2)}` : ''}`,
        )
        .join('\n');
    },
  );
  if (failed.length > 0) ctx.exitCode = ExitCode.config;
};
