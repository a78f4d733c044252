import { approveCommand } from '../../commands/approve.js';
import { brandCommand } from '../../commands/brand.js';
import { configCommand } from '../../commands/config.js';
import { doctorCommand } from '../../commands/doctor.js';
import { editCommand } from '../../commands/edit.js';
import { generateCommand } from '../../commands/generate.js';
import { initCommand } from '../../commands/init.js';
import { listCommand } from '../../commands/list.js';
import { rejectCommand } from '../../commands/reject.js';
import { showCommand } from '../../commands/show.js';
import { statusCommand } from '../../commands/status.js';
import { syncCommand } from '../../commands/sync.js';
import type { CommandDef } from './command-def.js';

/** Every top-level command, in the order `--help` lists them. Add new commands here. */
export const commandDefs: CommandDef[] = [
  initCommand,
  generateCommand,
  listCommand,
  showCommand,
  editCommand,
  approveCommand,
  rejectCommand,
  statusCommand,
  doctorCommand,
  configCommand,
  brandCommand,
  syncCommand,
];
