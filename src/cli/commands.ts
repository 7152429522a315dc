import type { Command } from './command.js';

/**
 * Every operator command. Each lives beside its domain's CLI module; this list is the only place
 * that knows them all. Keep it sorted by name.
 */
export const COMMANDS: readonly Command[] = [];
