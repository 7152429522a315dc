/**
 * `npm run bench:generate [-- --companies N] [--seed S] [--runs R] [--baseline DIR]`
 *
 * CPU cost of `zhengxin data generate` alone: runs the command R times with stdout to /dev/null,
 * and once with `--companies 1` per run for the process start-up, under /usr/bin/time. Prints CPU
 * (user + sys, start-up subtracted) per company for each run, the best and median, output bytes
 * per company and peak RSS. The generator's share of issue 2's 1M-in-90-s budget is about 30 µs a
 * company (it shares two cores with the importer). Figures, not assertions: the machine is shared,
 * so the best run is the one least disturbed by others.
 *
 * `--baseline DIR`: another built checkout (its `bin/zhengxin.js` and `dist/`, e.g. main before a
 * change) runs alternately with this one, each run the same way, and the figures print side by side
 * with their ratios (this ÷ baseline): CPU a company (best of the runs), wall (best) and output bytes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPO, 'bin/zhengxin.js');
const TIME = '/usr/bin/time';

interface Args { companies: number; seed: string; runs: number; baseline?: string }

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { companies: 200_000, seed: 'bench', runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--companies') args.companies = Number(argv[++i]);
    else if (a === '--seed') args.seed = String(argv[++i]);
    else if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--baseline') args.baseline = path.resolve(String(argv[++i]));
    else throw new Error(`unknown argument ${a} (use --companies N, --seed S, --runs R, --baseline DIR)`);
  }
  if (!Number.isSafeInteger(args.companies) || args.companies < 1) throw new Error('--companies must be a positive whole number');
  if (!Number.isSafeInteger(args.runs) || args.runs < 1) throw new Error('--runs must be a positive whole number');
  if (args.baseline !== undefined && !fs.existsSync(path.join(args.baseline, 'bin/zhengxin.js'))) throw new Error(`--baseline ${args.baseline} has no bin/zhengxin.js (a built checkout is needed)`);
  return args;
}

interface Usage { cpuSeconds: number; wallSeconds: number; peakRssKb: number; bytes: number }

/** Runs the generator under /usr/bin/time; counts stdout bytes without keeping them. */
function generate(companies: number, seed: string, bin = BIN): Promise<Usage> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(TIME, ['-f', '%U %S %M', process.execPath, bin, 'data', 'generate', '--companies', String(companies), '--seed', seed], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stderr.trim().split('\n').at(-1) ?? '';
      const [user, sys, rss] = last.split(' ').map(Number);
      if (code !== 0 || user === undefined || sys === undefined || rss === undefined || Number.isNaN(rss)) {
        reject(new Error(`data generate failed (exit ${code}): ${stderr.trim()}`));
        return;
      }
      resolve({ cpuSeconds: user + sys, wallSeconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssKb: rss, bytes });
    });
  });
}

interface Run { micros: number; wallSeconds: number; bytes: number; peakRssKb: number }

/** One measured run of `bin`: start-up alone, then the whole count; CPU net of start-up. */
async function measure(args: Args, bin: string): Promise<Run> {
  const startup = await generate(1, args.seed, bin);
  const full = await generate(args.companies, args.seed, bin);
  return { micros: ((full.cpuSeconds - startup.cpuSeconds) / args.companies) * 1e6, wallSeconds: full.wallSeconds, bytes: full.bytes, peakRssKb: full.peakRssKb };
}

function describe(label: string, r: Run, companies: number): string {
  return `${label}: ${r.micros.toFixed(1)} µs CPU a company, wall ${r.wallSeconds.toFixed(2)} s, ${r.bytes} bytes (${(r.bytes / companies).toFixed(0)} a company), peak RSS ${(r.peakRssKb / 1024).toFixed(0)} MB`;
}

const best = (runs: readonly Run[], pick: (r: Run) => number): number => Math.min(...runs.map(pick));
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(TIME)) throw new Error(`${TIME} is needed for CPU and peak RSS figures (Debian package "time")`);
  console.log(`data generate --companies ${args.companies} --seed ${args.seed}, ${args.runs} run(s); stdout counted by the parent, then dropped`);
  const current: Run[] = [];
  const baseline: Run[] = [];
  for (let run = 1; run <= args.runs; run++) {
    // Alternating, so a change in the machine's load falls on both alike.
    if (args.baseline !== undefined) {
      const b = await measure(args, path.join(args.baseline, 'bin/zhengxin.js'));
      baseline.push(b);
      console.log(describe(`run ${run} baseline`, b, args.companies));
    }
    const c = await measure(args, BIN);
    current.push(c);
    console.log(describe(`run ${run}${args.baseline !== undefined ? ' this     ' : ''}`, c, args.companies));
  }
  console.log(`best ${best(current, (r) => r.micros).toFixed(1)} µs, median ${median(current.map((r) => r.micros)).toFixed(1)} µs CPU a company`);
  if (args.baseline !== undefined) {
    const ratio = (pick: (r: Run) => number): string => (best(current, pick) / best(baseline, pick)).toFixed(3);
    console.log(`baseline best ${best(baseline, (r) => r.micros).toFixed(1)} µs, median ${median(baseline.map((r) => r.micros)).toFixed(1)} µs CPU a company`);
    console.log(`this ÷ baseline (best of ${args.runs}): CPU ${ratio((r) => r.micros)}, wall ${ratio((r) => r.wallSeconds)}, output bytes ${(current[0]!.bytes / baseline[0]!.bytes).toFixed(4)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
