import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * The layer order and the house rules are lint rules (eslint.config.js): these tests prove the
 * rules fire on a wrong-way import or SQL outside the store, and stay quiet on the right way.
 * Type-aware rules are off here: they need the whole program and these checks do not.
 */
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: [
    {
      ...tseslint.configs.disableTypeChecked,
      languageOptions: { parserOptions: { projectService: false, project: null } },
    },
  ],
});

const rulesFor = async (filePath: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
};

describe('house rules', () => {
  it('refuses an import that points up the layers', async () => {
    const messages = await rulesFor(
      'src/store/ids.ts',
      "import { main } from '../main/main.js';\nexport const leak = main;\n",
    );
    expect(messages.join('\n')).toMatch(/boundaries\/dependencies: .*"store" to elements of type "main"/);
  });

  it('refuses a sibling feature import (publish → report)', async () => {
    const messages = await rulesFor(
      'src/publish/overview.ts',
      "import { weeklyReport } from '../report/report-service.js';\nexport const x = weeklyReport;\n",
    );
    expect(messages.join('\n')).toMatch(/boundaries\/dependencies/);
  });

  it('accepts an import that points down', async () => {
    const messages = await rulesFor(
      'src/cli/output.ts',
      "import { newId } from '../store/ids.js';\nexport const id = newId;\n",
    );
    expect(messages.filter((m) => m.startsWith('boundaries'))).toEqual([]);
  });

  it('keeps SQL in the store', async () => {
    const code =
      "import type { Db } from '../store/database.js';\nexport const q = (db: Db) => db.selectFrom('posts').selectAll().execute();\n";
    expect((await rulesFor('src/services/status-service.ts', code)).join('\n')).toMatch(
      /SQL is written only in src\/store/,
    );
    expect(await rulesFor('src/store/posts-repo.ts', code)).toEqual([]);
  });

  it('keeps Ink out of plain commands', async () => {
    const messages = await rulesFor(
      'src/cli/handlers/list-handler.ts',
      "import { render } from 'ink';\nexport const r = render;\n",
    );
    expect(messages.join('\n')).toMatch(/Import Ink lazily/);
  });

  it('allows named exports only', async () => {
    const messages = await rulesFor('src/domain/values.ts', 'export default 1;\n');
    expect(messages.join('\n')).toMatch(/Named exports only/);
  });
  it('keeps rows and table types in the store', async () => {
    const row = "import type { PostRow } from '../store/posts-repo.js';\nexport type P = PostRow;\n";
    expect((await rulesFor('src/report/report-service.ts', row)).join('\n')).toMatch(/Rows stay in src\/store/);
    expect((await rulesFor('src/cli/handlers/list-handler.ts', row)).join('\n')).toMatch(/Rows stay in src\/store/);
    const table = "import type { Database } from '../../db/schema.js';\nexport type D = Database;\n";
    expect((await rulesFor('src/services/status-service.ts', table)).join('\n')).toMatch(/call a repository/);
    expect(await rulesFor('src/store/posts-repo.ts', row.replace('../store/', './'))).toEqual([]);
    const domain = "import type { Post } from '../domain/post.js';\nexport type P = Post;\n";
    expect(await rulesFor('src/report/report-service.ts', domain)).toEqual([]);
  });
});
