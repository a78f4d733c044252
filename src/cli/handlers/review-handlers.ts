import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../errors/errors.js';
import { l } from '../../i18n/localized.js';
import { resolvePost, variantByIndex } from '../../store/post-lookup.js';
import { approveVia, rejectVia } from '../../approval/approval-service.js';
import { editVariant, restoreVersion } from '../../review/review-service.js';
import type { PublishMode } from '../../domain/publish-mode.js';
import { shortId } from '../../store/ids.js';
import { variantsForPost } from '../../store/variants-repo.js';
import type { AppContext } from '../context.js';
import { serviceDeps } from './service-deps.js';
import { readStdin } from '../read-stdin.js';
import type { ServiceDeps } from '../../deps/service-deps.js';
import { movedReason } from '../../present/dates.js';
import { labelOf, modeLabel, SEVERITY_LABELS, styleLabel } from '../../present/labels.js';
import { describeFlag } from '../../content/gate-flags.js';
import { suggestionText } from '../../content/lint/suggestion-text.js';
import { decodeUtf8 } from '../../domain/utf8.js';

export interface ApproveOptions {
  variant?: number | undefined;
  at?: string | undefined;
  mode?: PublishMode | undefined;
  note?: string | undefined;
  /** Approve even when the variant does not pass the quality gate (the override is audited). */
  force?: boolean | undefined;
}

export const runApprove = async (ctx: AppContext, id: string, opts: ApproveOptions) => {
  const deps = await serviceDeps(ctx);
  // The brand of the post decides the window, not the --brand default.
  const post = await resolvePost(deps.db, id);
  const brand = deps.config.brands[post.brand] ?? deps.brand;
  const result = await approveVia(
    { ...deps, brandSlug: post.brand, brand },
    { channel: 'cli', id: deps.writer().actor },
    {
      ref: post.id,
      variant: opts.variant,
      at: opts.at,
      mode: opts.mode,
      note: opts.note,
      // --force accepts whatever the gate raised; the override and its reasons are audited.
      gateOverride: opts.force ? { acknowledge: 'all', reason: opts.note } : undefined,
    },
  );
  ctx.out.data(
    {
      id: result.postId,
      shortId: shortId(result.postId),
      state: 'approved',
      variant: result.variant.idx,
      variantId: result.variant.id,
      scheduledAt: result.scheduledAt,
      local: result.local,
      timeZone: brand.timezone,
      mode: result.mode,
      drawn: result.drawn,
      movedFrom: result.movedFrom ?? null,
      movedBecause: result.movedBecause ?? null,
      image: result.image
        ? { id: result.image.id, path: join(deps.paths.media, result.image.path), changed: result.image.changed }
        : null,
      notices: result.notices.map((n) => ctx.out.t(n)),
      gate: {
        passed: result.gateStatus.passed,
        flags: result.gateStatus.flags,
        overridden: result.gateStatus.overridden,
        score: result.gateStatus.score,
        threshold: result.gateStatus.threshold,
      },
    },
    () => {
      const lines = [
        ctx.out.t(
          l(
            `Approved post ${shortId(result.postId)} with variant ${result.variant.idx} (${styleLabel(result.variant.style, 'en')}).`,
            `Publication ${shortId(result.postId)} approuvée avec la variante ${result.variant.idx} (${styleLabel(result.variant.style, 'fr')}).`,
          ),
        ),
        ctx.out.t(
          l(
            `Publishing: ${ctx.out.fmt.slot(new Date(result.scheduledAt), brand.timezone)} (${brand.timezone}), ${result.drawn ? 'drawn in the posting window' : 'time given'}, mode ${modeLabel(result.mode, 'en')}.`,
            `Publication\u00a0: ${ctx.out.fmt.slot(new Date(result.scheduledAt), brand.timezone)} (${brand.timezone}), ${result.drawn ? 'heure tirée dans la fenêtre de publication' : 'heure donnée'}, mode ${modeLabel(result.mode, 'fr')}.`,
          ),
        ),
      ];
      if (result.gateStatus.overridden) {
        lines.push(
          ctx.out.style.yellow(
            ctx.out.t(
              l(
                `Quality gate overridden (${result.gateStatus.reasons.map((r) => r.en).join('; ')}); recorded in the audit log.`,
                `Seuil de qualité contourné (${result.gateStatus.reasons.map((r) => r.fr).join('; ')}); consigné au journal d’audit.`,
              ),
            ),
          ),
        );
      }
      if (result.image?.changed) {
        lines.push(
          ctx.out.t(
            l(
              `Image: the picture now carries variant ${result.variant.idx}'s headline: ${join(deps.paths.media, result.image.path)}`,
              `Image : l’image porte maintenant le titre de la variante ${result.variant.idx} : ${join(deps.paths.media, result.image.path)}`,
            ),
          ),
        );
      }
      if (result.movedFrom) lines.push(ctx.out.t(movedReason(result.movedFrom, result.movedBecause)));
      return lines.join('\n');
    },
  );
  for (const notice of result.notices) ctx.out.warn(notice);
};

export const runReject = async (ctx: AppContext, id: string, opts: { reason?: string | undefined }) => {
  const deps = await serviceDeps(ctx);
  const post = await rejectVia(
    deps,
    { channel: 'cli', id: deps.writer().actor },
    { ref: id, reason: opts.reason ?? '' },
  );
  ctx.out.data({ id: post.id, shortId: shortId(post.id), state: post.state }, () =>
    ctx.out.t(l(`Rejected post ${shortId(post.id)}.`, `Publication ${shortId(post.id)} rejetée.`)),
  );
};

/** Opens the text in $VISUAL/$EDITOR and returns what was saved. */
export const editInEditor = (ctx: AppContext, text: string): string => {
  const editor = ctx.processEnv.VISUAL || ctx.processEnv.EDITOR;
  if (!editor || !ctx.stdin.isTTY) {
    throw new UsageError(
      l(
        'No editor available (no terminal, or $EDITOR is not set).',
        'Aucun éditeur disponible (pas de terminal, ou $EDITOR n’est pas défini).',
      ),
      {
        code: 'no_editor',
        fix: l(
          'Set EDITOR (e.g. EDITOR=nano), or give the text with --text or --file.',
          'Définissez EDITOR (p. ex. EDITOR=nano), ou donnez le texte avec --text ou --file.',
        ),
      },
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'autoscale-edit-'));
  const file = join(dir, 'variant.txt');
  try {
    writeFileSync(file, `${text}\n`);
    const result = spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true });
    if (result.status !== 0) {
      throw new UsageError(
        l(
          `The editor exited with code ${String(result.status)}; nothing was changed.`,
          `L’éditeur s’est terminé avec le code ${String(result.status)}; rien n’a été changé.`,
        ),
        {
          fix: l(
            'Save and quit normally, or use --text/--file.',
            'Enregistrez et quittez normalement, ou utilisez --text/--file.',
          ),
        },
      );
    }
    return decodeUtf8(readFileSync(file), l('The edited text', 'Le texte modifié'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export interface EditOptions {
  /** Required unless --platform is given. */
  variant?: number | undefined;
  platform?: 'instagram' | 'linkedin' | undefined;
  reset?: boolean | undefined;
  text?: string | undefined;
  file?: string | undefined;
  headline?: string | undefined;
  restore?: number | undefined;
  note?: string | undefined;
}

/** The new text: --text, --file (- for stdin), else the variant opened in $EDITOR. */
const newText = async (
  ctx: AppContext,
  deps: ServiceDeps,
  id: string,
  opts: EditOptions & { variant: number },
): Promise<string> => {
  if (opts.text !== undefined) return opts.text;
  if (opts.file === '-') return readStdin(ctx.stdin);
  if (opts.file !== undefined) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(opts.file);
    } catch (cause) {
      throw new UsageError(
        l(
          `Cannot read ${opts.file}: ${(cause as NodeJS.ErrnoException).code ?? ''}.`,
          `Impossible de lire ${opts.file} : ${(cause as NodeJS.ErrnoException).code ?? ''}.`,
        ),
        {
          code: 'unreadable_file',
          fix: l('Check the path.', 'Vérifiez le chemin.'),
        },
      );
    }
    return decodeUtf8(bytes, l(opts.file, opts.file));
  }
  const post = await resolvePost(deps.db, id);
  const variant = variantByIndex(await variantsForPost(deps.db, post.id), opts.variant, post.id);
  return editInEditor(ctx, variant.text);
};

export const runEdit = async (ctx: AppContext, id: string, opts: EditOptions) => {
  if (opts.platform !== undefined) return runPlatformEdit(ctx, id, opts, opts.platform);
  const variantNo = opts.variant;
  if (variantNo === undefined)
    throw new UsageError(l('--variant is required.', '--variant est obligatoire.'), {
      code: 'usage',
      fix: l(
        'Add --variant 1, 2 or 3 (see `autoscale show <id>`), or --platform instagram|linkedin for a platform’s text.',
        'Ajoutez --variant 1, 2 ou 3 (voir `autoscale show <id>`), ou --platform instagram|linkedin pour le texte d’une plateforme.',
      ),
    });
  const deps = await serviceDeps(ctx);
  const result =
    opts.restore !== undefined
      ? await restoreVersion(deps, id, variantNo, opts.restore)
      : await editVariant(deps, {
          ref: id,
          variant: variantNo,
          text: await newText(ctx, deps, id, { ...opts, variant: variantNo }),
          headline: opts.headline,
          note: opts.note,
        });
  const report = result.report;
  const findings = report?.lint.findings ?? [];
  ctx.out.data(
    {
      id: result.postId,
      shortId: shortId(result.postId),
      variantId: result.variantId,
      variant: variantNo,
      version: result.versionNo,
      changed: result.changed,
      quality: report
        ? {
            score: report.score,
            threshold: report.threshold,
            passed: report.passed,
            flags: report.flags,
            findings: findings.map((f) => ({
              rule: f.rule,
              severity: f.severity,
              excerpt: f.excerpt,
              message: ctx.out.t(f.message),
              suggestion: f.suggestion,
            })),
          }
        : null,
      imageChanged: result.imageChanged ?? false,
      imageError: result.imageError ?? null,
      backToReview: result.backToReview ?? false,
    },
    () => {
      if (!result.changed)
        return ctx.out.t(l('No change; no new version.', 'Aucun changement; pas de nouvelle version.'));
      const s = ctx.out.style;
      const lines = [
        ctx.out.t(
          l(
            `Saved variant ${variantNo} as version ${result.versionNo}.`,
            `Variante ${variantNo} enregistrée en version ${result.versionNo}.`,
          ),
        ),
      ];
      if (report) {
        const verdict = report.passed
          ? s.green(ctx.out.t(l('passes', 'réussie')))
          : s.red(
              ctx.out.t(
                l(
                  `below the gate (${report.flags.map((flag) => describeFlag(flag, report).en).join('; ')})`,
                  `sous le seuil (${report.flags.map((flag) => describeFlag(flag, report).fr).join('; ')})`,
                ),
              ),
            );
        lines.push(
          ctx.out.t(
            l(
              `Quality ${Math.round(report.score)} (threshold ${report.threshold}): `,
              `Qualité ${Math.round(report.score)} (seuil ${report.threshold})\u00a0: `,
            ),
          ) + verdict,
        );
        for (const f of findings) {
          const word = ctx.out.t(labelOf(SEVERITY_LABELS, f.severity));
          const mark = f.severity === 'error' ? s.red(word) : f.severity === 'warning' ? s.yellow(word) : s.cyan(word);
          lines.push(
            `  ${mark} ${s.bold(f.rule)}  «\u00a0${f.excerpt.replace(/\s+/g, ' ').slice(0, 50)}\u00a0»\n      ${ctx.out.t(f.message)} → ${ctx.out.t(suggestionText(f.rule, f.suggestion))}`,
          );
        }
      }
      if (result.imageChanged)
        lines.push(
          ctx.out.t(l('The picture now carries the new headline.', 'L’image porte maintenant le nouveau titre.')),
        );
      if (result.imageError)
        lines.push(
          s.yellow(
            ctx.out.t(
              l(
                `The picture could not take the new headline: ${result.imageError} (publishing refuses until it can).`,
                `L’image n’a pas pu prendre le nouveau titre\u00a0: ${result.imageError} (la publication est refusée d’ici là).`,
              ),
            ),
          ),
        );
      return lines.join('\n');
    },
  );
  if (result.backToReview) {
    ctx.out.warn(
      l(
        `Post ${shortId(result.postId)} was approved with the previous text: it is back in review. Approve the new text with \`autoscale approve ${shortId(result.postId)} --variant ${variantNo}\`.`,
        `La publication ${shortId(result.postId)} avait été approuvée avec l’ancien texte : elle est de retour en révision. Approuvez le nouveau texte avec \`autoscale approve ${shortId(result.postId)} --variant ${variantNo}\`.`,
      ),
    );
  }
};

/** `edit <id> --platform instagram|linkedin (--text|--file|--reset)`: one platform's own text. */
const runPlatformEdit = async (ctx: AppContext, id: string, opts: EditOptions, platform: 'instagram' | 'linkedin') => {
  let text: string | null;
  if (opts.reset) text = null;
  else if (opts.text !== undefined) text = opts.text;
  else if (opts.file !== undefined)
    text = opts.file === '-' ? await readStdin(ctx.stdin) : readFileSync(opts.file, 'utf8');
  else
    throw new UsageError(
      l('Give --text, --file or --reset with --platform.', 'Donnez --text, --file ou --reset avec --platform.'),
      {
        code: 'usage',
        fix: l(
          'Example: autoscale edit 3f9a1c2e --platform linkedin --file linkedin.txt',
          'Exemple : autoscale edit 3f9a1c2e --platform linkedin --file linkedin.txt',
        ),
      },
    );
  const { setPlatformText } = await import('../../publish/platform-text-edit.js');
  const deps = await serviceDeps(ctx);
  const result = await setPlatformText(deps, id, platform, text, opts.variant);
  ctx.out.data(result, () =>
    ctx.out.t(
      result.edited
        ? l(
            `${platform} text saved (${[...result.text].length} characters).`,
            `Texte ${platform} enregistré (${[...result.text].length} caractères).`,
          )
        : l(
            `${platform} text follows the approved text again.`,
            `Le texte ${platform} suit de nouveau le texte approuvé.`,
          ),
    ),
  );
};
