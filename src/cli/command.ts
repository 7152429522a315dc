import type { Config } from '../config.js';

/** What a command gets: parsed configuration, its arguments, and where to write. */
export interface CommandContext {
  readonly config: Config;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
}

export interface Command {
  /** Words that select it, e.g. `data import`. */
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** Resolves to the process exit code. */
  run(ctx: CommandContext): Promise<number>;
}

/** A user error: printed as one line without a stack, exit code 1 (or the given one). */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}
