import { PassThrough } from 'node:stream';
import { findCommand } from '../../src/cli/commands.js';
import { loadConfig } from '../../src/config.js';

/**
 * Runs one `zhengxin` command in process, with `env` as its whole environment, and answers what it
 * printed; a non-zero exit is an error naming the command.
 */
export async function runCli(env: Record<string, string>, args: string[]): Promise<string> {
  const match = await findCommand(args);
  if (!match) throw new Error(`no command for ${args.join(' ')}`);
  const { command } = match;
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  const code = await command.run({
    config: loadConfig(env), argv: args.slice(command.name.split(' ').length), env, stdout, stderr: new PassThrough(), stdin: new PassThrough(),
  });
  if (code !== 0) throw new Error(`zhengxin ${args.join(' ')} exited with ${code}`);
  return Buffer.concat(chunks).toString('utf8');
}
