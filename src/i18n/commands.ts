/**
 * The commands messages refer to. A command line is written once, here or at its call site,
 * and the same line appears in both languages (in a code span, so typography leaves it alone):
 * `l(\`Run ${command('status')}.\`, \`Lancez ${command('status')}.\`)` cannot drift apart.
 * test/cli/i18n-static.test.ts checks this list against the commands the CLI defines.
 */
export const COMMAND_NAMES = [
  'init',
  'generate',
  'image',
  'list',
  'show',
  'review',
  'edit',
  'approve',
  'reject',
  'link',
  'serve',
  'publish',
  'schedule',
  'status',
  'report',
  'insights',
  'export',
  'import',
  'lint',
  'costs',
  'daemon',
  'jobs',
  'retry',
  'doctor',
  'config',
  'brand',
  'sync',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** `autoscale <name> <args…>` as a code span. */
export const command = (name: CommandName, ...args: string[]): string =>
  `\`${['autoscale', name, ...args].join(' ')}\``;
