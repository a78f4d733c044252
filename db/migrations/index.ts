import type { Migration } from 'kysely';
import { init } from './0001-init.js';
import { publish } from './0004-publish.js';
import { learning } from './0006-learning.js';
import { daemon } from './0005-daemon.js';
import { sync } from './0007-sync.js';
import { runPlan } from './0008-run-plan.js';
import { approval } from './0011-approval.js';
import { facts } from './0012-facts.js';
import { platforms } from './0013-platforms.js';
import { plan } from './0014-plan.js';
import { hardening } from './0015-hardening.js';

/**
 * Static migration list (no filesystem scan, so it works from a bundled or global install).
 * Names sort in order of application; add new ones at the end with the next number.
 */
export const migrations: Record<string, Migration> = {
  '0001-init': init,
  '0004-publish': publish,
  '0005-daemon': daemon,
  '0006-learning': learning,
  '0007-sync': sync,
  '0008-run-plan': runPlan,
  '0011-approval': approval,
  '0012-facts': facts,
  '0013-platforms': platforms,
  '0014-plan': plan,
  '0015-hardening': hardening,
};
