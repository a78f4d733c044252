import { describe, expect, it } from 'vitest';
import { autoscaleBrand } from '../../src/config/defaults.js';
import { brandSchema, configSchema } from '../../src/config/schema.js';
import { buildInitialConfig } from '../../src/services/init-service.js';

/** Each default lives in the zod schema only: init, the sample brand and loading agree with it. */
describe('config defaults come from the schema', () => {
  const minimal = () => ({ currentBrand: 'a', brands: { a: { name: 'A', profile: autoscaleBrand().profile } } });

  it('fills every nested section from an empty or missing object', () => {
    const fromNothing = configSchema.parse(minimal());
    const fromEmpty = configSchema.parse({ ...minimal(), providers: { text: {} }, daemon: {}, quality: {} });
    expect(fromEmpty).toEqual(fromNothing);
    expect(fromNothing.providers.text.model).toBe('claude-sonnet-4-6');
    expect(fromNothing.brands.a!.posting).toMatchObject({ windowStart: '13:00', windowEnd: '16:00' });
  });

  it('keeps a partial section and fills the rest of it', () => {
    const c = configSchema.parse({ ...minimal(), providers: { text: { model: 'claude-opus-4-6' } } });
    expect(c.providers.text).toMatchObject({ model: 'claude-opus-4-6', provider: 'auto', maxRetries: 3 });
  });

  it('init writes only what was answered; everything else is the schema default', () => {
    const init = buildInitialConfig({ slug: 'a', company: 'A' });
    const schema = configSchema.parse({ ...minimal(), brands: { a: { ...autoscaleBrand(), name: 'A' } } });
    expect(init.providers).toEqual(schema.providers);
    expect(init.quality).toEqual(schema.quality);
    expect(init.daemon).toEqual(schema.daemon);
    expect(buildInitialConfig({ threshold: 82, textProvider: 'offline' })).toMatchObject({
      quality: { threshold: 82 },
      providers: { text: { provider: 'offline', model: 'claude-sonnet-4-6' } },
    });
  });

  it('the sample brand takes its posting window and content mix from the schema', () => {
    const { posting, generation } = brandSchema.parse({ name: 'X', profile: autoscaleBrand().profile });
    expect(autoscaleBrand().posting).toEqual(posting);
    expect(autoscaleBrand().generation).toEqual(generation);
  });
});
