import type { Config } from '../config.js';
import type { Database } from '../db/database.js';

/** What a command gets: parsed configuration, its arguments, and where to write. */
export interface CommandContext {
  readonly config: Config;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  /**
   * Standard input's file descriptor when it is the process's own (0), for commands that read it
   * off the main thread (`data import -`); absent when `stdin` is a stream given by a test.
   */
  readonly stdinFd?: number;
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

/** Opens the configured database (migrating it), runs `fn`, and always closes it. */
export async function withCommandDatabase<T>(ctx: CommandContext, fn: (database: Database) => Promise<T>): Promise<T> {
  // Loaded here, not at the top: commands without a database (data generate) skip both drivers.
  const { openDatabase } = await import('../db/database.js');
  const database = await openDatabase({ dataDir: ctx.config.dataDir, databaseUrl: ctx.config.databaseUrl });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}
