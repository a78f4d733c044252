import { approveCommand } from '../../commands/approve.js';
import { brandCommand } from '../../commands/brand.js';
import { calendarCommand } from '../../commands/calendar.js';
import { configCommand } from '../../commands/config.js';
import { costsCommand } from '../../commands/costs.js';
import { daemonCommand } from '../../commands/daemon.js';
import { doctorCommand } from '../../commands/doctor.js';
import { editCommand } from '../../commands/edit.js';
import { exportCommand, importCommand } from '../../commands/export.js';
import { generateCommand } from '../../commands/generate.js';
import { ideasCommand } from '../../commands/ideas.js';
import { imageCommand } from '../../commands/image.js';
import { initCommand } from '../../commands/init.js';
import { insightsCommand } from '../../commands/insights.js';
import { lintCommand } from '../../commands/lint.js';
import { linkCommand } from '../../commands/link.js';
import { jobsCommand } from '../../commands/jobs.js';
import { listCommand } from '../../commands/list.js';
import { planCommand } from '../../commands/plan.js';
import { publishCommand } from '../../commands/publish.js';
import { rejectCommand } from '../../commands/reject.js';
import { reportCommand } from '../../commands/report.js';
import { scheduleCommand } from '../../commands/schedule.js';
import { serveCommand } from '../../commands/serve.js';
import { reviewCommand } from '../../commands/review.js';
import { retryCommand } from '../../commands/retry.js';
import { showCommand } from '../../commands/show.js';
import { sourcesCommand } from '../../commands/sources.js';
import { statusCommand } from '../../commands/status.js';
import { syncCommand } from '../../commands/sync.js';
import type { CommandDef } from '../cli/command-def.js';

/** Every top-level command, in the order `--help` lists them. Add new commands here. */
export const commandDefs: CommandDef[] = [
  initCommand,
  generateCommand,
  imageCommand,
  listCommand,
  showCommand,
  reviewCommand,
  editCommand,
  approveCommand,
  rejectCommand,
  linkCommand,
  serveCommand,
  publishCommand,
  scheduleCommand,
  planCommand,
  calendarCommand,
  ideasCommand,
  sourcesCommand,
  statusCommand,
  reportCommand,
  insightsCommand,
  exportCommand,
  importCommand,
  lintCommand,
  costsCommand,
  daemonCommand,
  jobsCommand,
  retryCommand,
  doctorCommand,
  configCommand,
  brandCommand,
  syncCommand,
];
