import type { Command } from './command.js';
import { companyShowCommand } from './company-commands.js';
import { dataImportCommand } from './data-commands.js';
import { demoCommand } from './demo.js';
import { dataGenerateCommand } from './generate-command.js';
import { reportRenderCommand } from './report-commands.js';

/**
 * Every operator command. Each lives beside its domain's CLI module; this list is the only place
 * that knows them all. Keep it sorted by name.
 */
export const COMMANDS: readonly Command[] = [
  companyShowCommand,
  dataGenerateCommand,
  dataImportCommand,
  demoCommand,
  reportRenderCommand,
];
