import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_CASE_STUDIES, SAMPLE_FACTS } from '../../src/config/defaults.js';
import type { Config } from '../../src/config/schema.js';

/**
 * A profile whose owner has checked the shipped facts and client stories and confirmed them (the
 * `sample` marks removed). Most tests play that owner; the tests of the sample guard do not.
 */
export const confirmSamples = (config: Config): Config => {
  for (const brand of Object.values(config.brands)) {
    brand.profile.facts = brand.profile.facts.map((f) => (typeof f === 'string' ? f : f.text));
    brand.profile.caseStudies = brand.profile.caseStudies.map(({ sample: _sample, ...c }) => c);
  }
  return config;
};

let files: { facts: string; cases: string } | undefined;

/** `init --yes` flags that give the shipped facts and stories as the owner's own (confirmed). */
export const confirmedInitArgs = (): string[] => {
  if (!files) {
    const dir = mkdtempSync(join(tmpdir(), 'autoscale-profile-'));
    files = { facts: join(dir, 'facts.txt'), cases: join(dir, 'case-studies.json') };
    writeFileSync(files.facts, `${SAMPLE_FACTS.join('\n')}\n`);
    writeFileSync(files.cases, JSON.stringify(SAMPLE_CASE_STUDIES, null, 2));
  }
  return ['--facts', files.facts, '--case-studies', files.cases];
};
