/** `zhengxin data generate`: the synthetic dataset as NDJSON, byte-identical per seed and count. */
import fs from 'node:fs';
import os from 'node:os';
import { finished } from 'node:stream/promises';
import { DEFAULT_REFERENCE_DATE, generateCompanies, writeNdjson } from '../companies/synthetic/index.js';
import { dayFromIso } from '../companies/synthetic/dates.js';
import { BLOCK_COMPANIES, writeNdjsonParallel } from '../companies/synthetic/ndjson-parallel.js';
import { UsageError, type Command } from './command.js';

export interface GenerateArguments {
  companies: number;
  seed: string;
  out?: string;
  referenceDate: string;
  /** Worker threads generating blocks in parallel; the bytes do not depend on it. */
  workers: number;
}

/** At most this many generator threads by default: beyond it the single writer is the limit. */
const MAX_DEFAULT_WORKERS = 4;

/** Parses `--companies N --seed S [--out FILE] [--reference-date D]` (also `--name=value`). */
export function parseGenerateArguments(argv: readonly string[]): GenerateArguments {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!['companies', 'seed', 'out', 'reference-date', 'workers'].includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    values.set(name, value);
  }
  const companiesText = values.get('companies');
  if (companiesText === undefined) throw new UsageError('--companies N is required');
  if (!/^[0-9]+$/.test(companiesText) || !Number.isSafeInteger(Number(companiesText))) throw new UsageError(`--companies must be a whole number, got ${JSON.stringify(companiesText)}`);
  const seed = values.get('seed');
  if (seed === undefined) throw new UsageError('--seed S is required (any text; the same seed gives the same file)');
  const referenceDate = values.get('reference-date') ?? DEFAULT_REFERENCE_DATE;
  try {
    dayFromIso(referenceDate);
  } catch {
    throw new UsageError(`--reference-date must be a calendar date as YYYY-MM-DD, got ${JSON.stringify(referenceDate)}`);
  }
  const workersText = values.get('workers');
  if (workersText !== undefined && !/^[1-9][0-9]?$/.test(workersText)) throw new UsageError(`--workers must be a whole number from 1 to 99, got ${JSON.stringify(workersText)}`);
  const workers = workersText === undefined ? Math.min(MAX_DEFAULT_WORKERS, os.availableParallelism()) : Number(workersText);
  const out = values.get('out');
  return { companies: Number(companiesText), seed, referenceDate, workers, ...(out === undefined || out === '-' ? {} : { out }) };
}

export const dataGenerateCommand: Command = {
  name: 'data generate',
  usage: 'data generate --companies N --seed S [--out FILE] [--reference-date YYYY-MM-DD] [--workers N]',
  summary: `Write N synthetic company documents as NDJSON (stdout unless --out), marked "source":"synthetic"; the same seed and count give the same bytes. Dates count back from the reference date (default ${DEFAULT_REFERENCE_DATE}).`,
  async run(ctx) {
    const args = parseGenerateArguments(ctx.argv);
    // Worker threads pay off from a few blocks on; small runs (tests, the demo) stay on this thread.
    const write = (out: NodeJS.WritableStream): Promise<{ documents: number; bytes: number }> =>
      args.workers > 1 && args.companies >= 4 * BLOCK_COMPANIES
        ? writeNdjsonParallel({ count: args.companies, seed: args.seed, referenceDate: args.referenceDate, workers: args.workers }, out)
        : writeNdjson(generateCompanies({ count: args.companies, seed: args.seed, referenceDate: args.referenceDate }), out);
    if (args.out === undefined) {
      try {
        await write(ctx.stdout);
      } catch (err) {
        // A reader that stops early (`| head`) closes the pipe: that ends the run, it is no failure.
        if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
      }
      return 0;
    }
    const file = fs.createWriteStream(args.out);
    try {
      const summary = await write(file);
      file.end();
      await finished(file);
      ctx.stderr.write(`wrote ${summary.documents} companies (${summary.bytes} bytes) to ${args.out}\n`);
      return 0;
    } catch (err) {
      file.destroy();
      throw err;
    }
  },
};
