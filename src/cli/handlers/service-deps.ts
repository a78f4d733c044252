import type { ServiceDeps } from '../../deps/service-deps.js';
import type { AppContext } from '../context.js';

/** Opens what services need from the context: database, config, selected brand, clock. */
export const serviceDeps = async (ctx: AppContext, actor?: string): Promise<ServiceDeps> => {
  const config = ctx.config();
  const brand = ctx.brand();
  const db = await ctx.database();
  const base = await ctx.writer(actor);
  return {
    db,
    config,
    brandSlug: brand.slug,
    brand: brand.config,
    clock: ctx.clock,
    env: ctx.env,
    paths: ctx.paths,
    writer: () => ({ ...base, now: ctx.clock.now().toISOString() }),
  };
};
