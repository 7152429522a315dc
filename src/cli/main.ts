import { loadConfig } from '../config.js';
import { UsageError } from './command.js';
import { findCommand, loadAllCommands } from './commands.js';

/** Entry point of `npx zhengxin …`; the only CLI file that reads process.env. */
export async function main(args: readonly string[]): Promise<number> {
  const match = await findCommand(args);
  if (!match || args[0] === 'help' || args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(await helpText());
    return match || args.length === 0 || args[0] === 'help' || args[0] === '--help' || args[0] === '-h' ? 0 : 2;
  }
  const { command, rest } = match;
  try {
    const config = loadConfig(process.env);
    return await command.run({
      config,
      argv: rest,
      env: process.env,
      stdout: process.stdout,
      stderr: process.stderr,
      // Lazily: creating process.stdin opens fd 0 as a non-blocking stream, which a command that
      // reads the descriptor itself (stdinFd) does not want.
      get stdin() {
        return process.stdin;
      },
      stdinFd: 0,
    });
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`zhengxin ${command.name}: ${err.message}\nusage: zhengxin ${command.usage}\n`);
      return err.exitCode;
    }
    process.stderr.write(`zhengxin ${command.name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

async function helpText(): Promise<string> {
  const lines = (await loadAllCommands()).map((c) => `  zhengxin ${c.usage}\n      ${c.summary}`);
  return `zhengxin: enterprise credit report service\n\nCommands:\n${lines.join('\n')}\n`;
}
