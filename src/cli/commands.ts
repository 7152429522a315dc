import type { Command } from './command.js';

/**
 * Every operator command, by the words that select it and the module that implements it. This
 * list is the only place that knows them all; keep it sorted by module. Modules load on demand:
 * loading all of them (the HTTP server, the renderer, both database drivers, the generator…) cost
 * ~0.9 s of CPU before any command ran, which `data generate | data import -` paid twice.
 * `commands.test.ts` checks that each entry's words are exactly its module's commands.
 */
export const COMMAND_MODULES: ReadonlyArray<{ readonly names: readonly string[]; load(): Promise<readonly Command[]> }> = [
  {
    names: ['accounts create', 'accounts show', 'accounts list', 'accounts update', 'accounts rotate-secret', 'settings'],
    load: async () => (await import('./accounts-commands.js')).ACCOUNT_COMMANDS,
  },
  {
    names: ['company show', 'company graph'],
    load: async () => {
      const m = await import('./company-commands.js');
      return [m.companyShowCommand, m.companyGraphCommand];
    },
  },
  { names: ['data import'], load: async () => [(await import('./data-commands.js')).dataImportCommand] },
  { names: ['data watch'], load: async () => [(await import('./data-watch.js')).dataWatchCommand] },
  { names: ['demo'], load: async () => [(await import('./demo.js')).demoCommand] },
  { names: ['data generate'], load: async () => [(await import('./generate-command.js')).dataGenerateCommand] },
  { names: ['orders list', 'orders show', 'orders rerender'], load: async () => (await import('./orders-commands.js')).ORDER_COMMANDS },
  { names: ['report render'], load: async () => [(await import('./report-commands.js')).reportRenderCommand] },
  {
    names: ['accounts reencrypt', 'jobs requeue', 'migrate'],
    load: async () => {
      const m = await import('./scale-commands.js');
      return [m.accountsReencryptCommand, m.jobsRequeueCommand, m.migrateCommand];
    },
  },
  { names: ['serve'], load: async () => [(await import('./serve-command.js')).serveCommand] },
];

/** The command `args` selects (longest match first, so `accounts update` wins over `accounts`), loading only its module. */
export async function findCommand(args: readonly string[]): Promise<{ command: Command; rest: readonly string[] } | undefined> {
  const candidates = COMMAND_MODULES.flatMap((m) => m.names.map((name) => ({ name, module: m })));
  candidates.sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const { name, module } of candidates) {
    const words = name.split(' ');
    if (!words.every((w, i) => args[i] === w)) continue;
    const command = (await module.load()).find((c) => c.name === name);
    if (!command) throw new Error(`command module for "${name}" does not export it`);
    return { command, rest: args.slice(words.length) };
  }
  return undefined;
}

/** Every command, sorted by name (for help). */
export async function loadAllCommands(): Promise<Command[]> {
  const all = (await Promise.all(COMMAND_MODULES.map((m) => m.load()))).flat();
  return all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
