import { brandPlatforms } from '../../config/platforms.js';
import { l } from '../../i18n/localized.js';
import { addBrand, useBrand } from '../../services/brand-service.js';
import { getConfigValue, refuseReservedKey, setConfigValue } from '../../services/config-service.js';
import { platformLabel } from '../../present/platform-lines.js';
import { CONFIG_PATHS } from '../messages/config.js';
import type { AppContext } from '../context.js';
import { answersFromFlags, type ProfileFlags } from './init-handler.js';

export const runConfigGet = async (ctx: AppContext, key: string | undefined) => {
  const config = ctx.config();
  const brand = ctx.brand().slug;
  if (key) refuseReservedKey(key);
  const value = key ? getConfigValue(config, key, brand) : config;
  ctx.out.data(key ? { key, value } : value, () =>
    typeof value === 'string'
      ? value
      : value === null
        ? ctx.out.t(l('(not set)', '(non défini)'))
        : JSON.stringify(value, null, 2),
  );
};

export const runConfigSet = async (ctx: AppContext, key: string, value: string) => {
  refuseReservedKey(key);
  const config = ctx.config();
  const next = setConfigValue(config, key, value, ctx.brand().slug, ctx.paths.config);
  ctx.setConfig(next);
  const stored = getConfigValue(next, key, ctx.brand().slug);
  ctx.out.data({ key, value: stored }, () =>
    ctx.out.t(l(`${key} = ${JSON.stringify(stored)}`, `${key} = ${JSON.stringify(stored)}`)),
  );
};

export const runConfigPath = async (ctx: AppContext) => {
  const p = ctx.paths;
  ctx.out.data(
    { home: p.root, config: p.config, database: p.database, media: p.media, env: p.env, dryRun: p.outbox },
    () => {
      const rows: [keyof typeof CONFIG_PATHS, string][] = [
        ['home', p.root],
        ['config', p.config],
        ['database', p.database],
        ['media', p.media],
        ['env', p.env],
        ['dryRun', p.outbox],
      ];
      const width = Math.max(...rows.map(([k]) => ctx.out.t(CONFIG_PATHS[k]).length));
      return rows.map(([k, path]) => `${ctx.out.t(CONFIG_PATHS[k]).padEnd(width)}  ${path}`).join('\n');
    },
  );
};

export const runBrandList = async (ctx: AppContext) => {
  const config = ctx.config();
  const brands = Object.entries(config.brands).map(([slug, b]) => ({
    slug,
    name: b.name,
    current: slug === config.currentBrand,
    timezone: b.timezone,
    pageId: b.facebook.pageId ?? null,
    postingDays: b.posting.days,
    window: `${b.posting.windowStart}-${b.posting.windowEnd}`,
    platforms: brandPlatforms(b).map((t) => ({
      platform: t.platform,
      account: t.account,
      days: t.posting.days,
      window: `${t.posting.windowStart}-${t.posting.windowEnd}`,
    })),
  }));
  const f = ctx.out.fmt;
  // « mar., mer., jeu. 13 h – 16 h »: the days and window as the reader's language writes them.
  const when = (days: readonly string[], window: string) => {
    const [start, end] = window.split('-') as [string, string];
    return `${days.map((d) => f.weekdayShort(d)).join(', ')} ${f.clock(start)}–${f.clock(end)}`;
  };
  ctx.out.data({ brands }, () =>
    brands
      .map(
        (b) =>
          `${b.current ? '*' : ' '} ${b.slug.padEnd(20)} ${b.name.padEnd(24)} ${b.timezone.padEnd(20)} ${when(b.postingDays, b.window)}${b.pageId ? ` page ${b.pageId}` : ''}` +
          (b.platforms.length > 1
            ? b.platforms
                .map(
                  (p) =>
                    `\n    ${platformLabel(p.platform, f.lang).padEnd(10)} ${when(p.days, p.window)}${p.account ? `  ${p.account}` : ''}`,
                )
                .join('')
            : ''),
      )
      .join('\n'),
  );
};

export const runBrandAdd = async (
  ctx: AppContext,
  slug: string,
  opts: ProfileFlags & { from?: string | undefined; use: boolean },
) => {
  const next = addBrand(ctx.config(), ctx.paths.config, slug, answersFromFlags(opts, undefined), opts.from, opts.use);
  ctx.setConfig(next);
  ctx.out.data({ slug, current: next.currentBrand === slug }, () =>
    ctx.out.t(
      l(
        `Added brand ${slug}${next.currentBrand === slug ? ' (now current)' : ''}.`,
        `Marque ${slug} ajoutée${next.currentBrand === slug ? ' (maintenant courante)' : ''}.`,
      ),
    ),
  );
};

export const runBrandUse = async (ctx: AppContext, slug: string) => {
  const next = useBrand(ctx.config(), ctx.paths.config, slug);
  ctx.setConfig(next);
  ctx.out.data({ current: slug }, () => ctx.out.t(l(`Current brand: ${slug}.`, `Marque courante : ${slug}.`)));
};

export const runBrandPlatforms = async (
  ctx: AppContext,
  names: string,
  opts: { instagramAccount?: string | undefined; linkedinOrganization?: string | undefined },
) => {
  const { setBrandPlatforms } = await import('../../services/brand-service.js');
  const slug = ctx.brand().slug;
  const platforms = names
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);
  const next = setBrandPlatforms(ctx.config(), ctx.paths.config, slug, {
    platforms,
    instagramAccount: opts.instagramAccount,
    linkedinOrganization: opts.linkedinOrganization,
  });
  ctx.setConfig(next);
  const list = next.brands[slug]!.platforms;
  ctx.out.data({ brand: slug, platforms: list }, () =>
    ctx.out.t(
      l(
        `${slug} publishes to ${list.map((p) => p.platform).join(', ')}. Check them with \`autoscale doctor\`.`,
        `${slug} publie sur ${list.map((p) => p.platform).join(', ')}. Vérifiez-les avec \`autoscale doctor\`.`,
      ),
    ),
  );
};
