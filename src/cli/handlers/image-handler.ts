import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { l } from '../../i18n/localized.js';
import { makePostImage, type MakeImageResult } from '../../images/image-service.js';
import type { CroppedPhoto } from '../../images/image-record.js';
import { terminalPreview } from '../../images/preview.js';
import type { ServiceDeps } from '../../deps/service-deps.js';
import { shortId } from '../../store/ids.js';
import { IMAGE } from '../messages/image.js';
import type { AppContext } from '../context.js';
import { serviceDeps } from './service-deps.js';

/** The stable JSON shape of an image result. */
export const imageJson = (r: MakeImageResult) => ({
  id: r.image.id,
  postId: r.image.postId,
  path: r.path,
  jpegPath: r.jpegPath,
  originalPath: r.originalPath,
  width: r.image.width,
  height: r.image.height,
  format: r.image.format,
  bytes: r.image.bytes,
  sha256: r.image.sha256,
  provider: r.provider,
  model: r.image.model,
  headline: r.headline,
  costUsd: r.costUsd,
  unchanged: r.unchanged,
  reusedPaid: r.reusedPaid,
  previousImageId: r.previousImageId,
});

/** Makes the image with progress and provider notes; shared by `image` and `generate`. */
export const makeImageWithProgress = async (
  ctx: AppContext,
  deps: ServiceDeps,
  postId: string,
  opts: {
    regenerate?: boolean;
    prompt?: string | undefined;
    variant?: number | undefined;
    file?: string | undefined;
    cropped?: CroppedPhoto | undefined;
  },
) => {
  // The progress line starts with the first step, so showing an existing image never says "Making".
  let progress: ReturnType<AppContext['out']['progress']> | undefined;
  const step = () => (progress ??= ctx.out.progress(ctx.out.t(l('Making the image', 'Création de l’image'))));
  try {
    const result = await makePostImage(deps, postId, {
      ...opts,
      onProvider: (reason) => {
        ctx.out.note(l(`Image: ${reason.en}`, `Image : ${reason.fr}`));
        if (opts.prompt && deps.config.providers.image.provider !== 'openai' && !deps.env.get('OPENAI_API_KEY')) {
          ctx.out.warn(
            l(
              '--prompt is only used by the OpenAI provider; the offline card ignores it.',
              '--prompt ne sert qu’au fournisseur OpenAI; la carte hors ligne l’ignore.',
            ),
          );
        }
      },
      progress: (e) => step().update(e.detail ? `${e.step} · ${e.detail}` : e.step),
    });
    if (result.headlineShortened) {
      const shown = result.headlineLines.join(' ');
      ctx.out.warn(
        l(
          `The headline is too long for the picture, which shows it up to the end of a phrase: “${shown}”. To choose the wording: autoscale edit ${shortId(postId)} --variant <n> --headline "…" (60 characters fit well).`,
          `Le titre est trop long pour l’image, qui le montre jusqu’à la fin d’une phrase : « ${shown} ». Pour choisir la formulation : autoscale edit ${shortId(postId)} --variant <n> --headline "…" (60 caractères conviennent).`,
        ),
      );
    }
    return result;
  } finally {
    progress?.done();
  }
};

const which = (cmd: string, env: NodeJS.ProcessEnv): string | undefined =>
  (env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, cmd))
    .find((p) => existsSync(p));

/** Opens the file with the system viewer when there is one; otherwise says where it is. */
const openFile = (ctx: AppContext, path: string): void => {
  const env = ctx.processEnv;
  const opener =
    process.platform === 'darwin'
      ? which('open', env)
      : process.platform === 'win32'
        ? undefined
        : which('xdg-open', env);
  const hasDisplay = process.platform === 'darwin' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  if (!opener || !hasDisplay) {
    ctx.out.note(
      l(
        `No image viewer available here; the file is ${path}`,
        `Aucune visionneuse disponible ici; le fichier est ${path}`,
      ),
    );
    return;
  }
  const child = spawn(opener, [path], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
  ctx.out.note(l(`Opened with ${opener}.`, `Ouvert avec ${opener}.`));
};

export interface ImageOptions {
  regenerate: boolean;
  prompt?: string | undefined;
  variant?: number | undefined;
  file?: string | undefined;
  open: boolean;
}

export const runImage = async (ctx: AppContext, id: string, opts: ImageOptions) => {
  const deps = await serviceDeps(ctx);
  const result = await makeImageWithProgress(ctx, deps, id, {
    regenerate: opts.regenerate,
    prompt: opts.prompt,
    variant: opts.variant,
    file: opts.file,
  });
  if (result.reusedPaid) {
    ctx.out.note(
      l(
        'Reused the image already paid for by an interrupted run.',
        'Image déjà payée lors d’une exécution interrompue réutilisée.',
      ),
    );
  }
  const preview =
    ctx.out.json || !process.stdout.isTTY
      ? null
      : await terminalPreview(
          { path: result.path, width: result.image.width, height: result.image.height },
          ctx.processEnv,
        );
  ctx.out.data(imageJson(result), () => {
    const s = ctx.out.style;
    const t = ctx.out.t;
    const lines = [
      `${s.bold(t(IMAGE.post(shortId(result.image.postId))))} · ${t(result.unchanged ? IMAGE.current : IMAGE.fresh)} · ${result.provider}${result.image.model ? `/${result.image.model}` : ''}${result.costUsd ? ` · ${ctx.out.fmt.money(result.costUsd, 3)}` : ''}`,
      t(IMAGE.headline(result.headline)),
      t(IMAGE.feed(result.image.format, result.path, `${result.image.width}×${result.image.height}`)),
    ];
    // A photo's feed image is the JPEG itself: one line for one file.
    if (result.jpegPath && result.jpegPath !== result.path) lines.push(t(IMAGE.jpeg(result.jpegPath)));
    if (result.originalPath) lines.push(s.dim(t(IMAGE.original(result.originalPath))));
    if (preview?.inline) lines.push(preview.inline);
    return lines.join('\n');
  });
  if (opts.open) openFile(ctx, result.path);
};

export { warmImageStep } from '../../images/image-service.js';
