import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ENV_SETTINGS, SECRET_NAMES } from '../../src/config/secrets.js';
import { ROOT } from '../helpers/cli.js';

const read = (name: string) => readFileSync(join(ROOT, name), 'utf8');

describe('.env.example and the README list every variable autoscale reads', () => {
  const names = [...SECRET_NAMES, ...ENV_SETTINGS];

  it('.env.example has each one, commented out, and parses once uncommented', () => {
    const example = read('.env.example');
    const uncommented = example.replace(/^# ([A-Z][A-Z0-9_]+=)/gm, '$1');
    const parsed = parseEnv(uncommented);
    // KAI_API_KEY is an alias of KIE_API_KEY: named in the comment, not a second line.
    for (const name of names.filter((n) => n !== 'KAI_API_KEY')) expect(Object.keys(parsed), name).toContain(name);
    expect(example).toContain('KAI_API_KEY');
    // Nothing is live by default: a copied file changes nothing until edited.
    expect(Object.keys(parseEnv(example))).toEqual([]);
  });

  it('the README table names each one, and says which base URL takes /v1', () => {
    const readme = read('README.md');
    for (const name of names) expect(readme, name).toMatch(new RegExp(`^\\|[^\\n]*\`${name}\``, 'm'));
    expect(readme).toMatch(/`OPENAI_BASE_URL` \|[^\n]*\*\*with\*\* `\/v1`/);
    expect(readme).toMatch(/`ANTHROPIC_BASE_URL` \|[^\n]*\*\*without\*\* `\/v1`/);
  });
});
