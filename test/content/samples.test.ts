import { describe, expect, it } from 'vitest';
import { SAMPLE_CASE_STUDIES } from '../../src/config/defaults.js';
import { assertNoSampleCase, citesCase, sampleCasesCited } from '../../src/content/samples.js';
import { ConfigError } from '../../src/errors/errors.js';
import { buildInitialConfig } from '../../src/services/init-service.js';
import { confirmSamples } from '../helpers/profile.js';

const profile = () => buildInitialConfig({}).brands['autoscale-ai']!.profile;
const [laval, clinique, garage] = SAMPLE_CASE_STUDIES as [
  (typeof SAMPLE_CASE_STUDIES)[0],
  (typeof SAMPLE_CASE_STUDIES)[0],
  (typeof SAMPLE_CASE_STUDIES)[0],
];

describe('citing a sample client story', () => {
  it('a figure with what it counts, plus where or who: paraphrases are caught', () => {
    expect(citesCase('Une plomberie de Laval a capté 27 appels du soir en un mois.', laval)).toBe(true);
    expect(
      citesCase('À Québec, une clinique dentaire\u00a0: 22\u00a0% de rendez-vous manqués en moins.', clinique),
    ).toBe(true);
    expect(citesCase('Un garage de Sherbrooke a pris 40 rendez-vous au printemps.', garage)).toBe(true);
  });

  it('a bare number, a city alone or another clinic’s figures are not a citation', () => {
    expect(citesCase('27 appels manqués, c’est beaucoup.', laval)).toBe(false);
    expect(citesCase('Les PME de Laval perdent des appels le soir.', laval)).toBe(false);
    // The Claude fake's draft: a dental clinic in Laval with other figures (22 rendez-vous, 38 %).
    expect(
      citesCase(
        'Le téléphone sonne chez une clinique dentaire de Laval. Avant, 38 % des appels tombaient dans la boîte vocale. Résultat : 22 rendez-vous de plus par mois.',
        clinique,
      ),
    ).toBe(false);
  });

  it('samples stay caught until the owner confirms them; a replaced sample is still caught in old text', () => {
    const text = 'Chez un client en plomberie résidentielle à Laval : 27 appels de soir captés le premier mois.';
    expect(sampleCasesCited(text, profile())).toEqual([{ title: laval.title, result: laval.result, index: 0 }]);
    expect(() => assertNoSampleCase(text, profile(), 'abcd1234')).toThrow(ConfigError);
    const confirmed = confirmSamples(buildInitialConfig({})).brands['autoscale-ai']!.profile;
    expect(sampleCasesCited(text, confirmed)).toEqual([]);
    const replaced = { ...profile(), caseStudies: [] };
    expect(sampleCasesCited(text, replaced)).toEqual([{ title: laval.title, result: laval.result, index: null }]);
  });
});
