import { ACCOUNT_COMMANDS } from './accounts-commands.js';
import type { Command } from './command.js';
import { companyShowCommand } from './company-commands.js';
import { dataImportCommand } from './data-commands.js';
import { demoCommand } from './demo.js';
import { dataGenerateCommand } from './generate-command.js';
import { ORDER_COMMANDS } from './orders-commands.js';
import { reportRenderCommand } from './report-commands.js';
import { accountsReencryptCommand, jobsRequeueCommand } from './scale-commands.js';
import { serveCommand } from './serve-command.js';

/**
 * Every operator command. Each lives beside its domain's CLI module; this list is the only place
 * that knows them all. Keep it sorted by name.
 */
export const COMMANDS: readonly Command[] = [
  ...ACCOUNT_COMMANDS,
  accountsReencryptCommand,
  companyShowCommand,
  dataGenerateCommand,
  dataImportCommand,
  demoCommand,
  jobsRequeueCommand,
  ...ORDER_COMMANDS,
  reportRenderCommand,
  serveCommand,
];
