/**
 * `npm run bench:generate [-- --companies N] [--seed S] [--runs R]`
 *
 * CPU cost of `zhengxin data generate` alone: runs the command R times with stdout to /dev/null,
 * and once with `--companies 1` per run for the process start-up, under /usr/bin/time. Prints CPU
 * (user + sys, start-up subtracted) per company for each run, the best and median, output bytes
 * per company and peak RSS. The generator's share of issue 2's 1M-in-90-s budget is about 30 µs a
 * company (it shares two cores with the importer). Figures, not assertions: the machine is shared,
 * so the best run is the one least disturbed by others.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPO, 'bin/zhengxin.js');
const TIME = '/usr/bin/time';

interface Args { companies: number; seed: string; runs: number }

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { companies: 200_000, seed: 'bench', runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--companies') args.companies = Number(argv[++i]);
    else if (a === '--seed') args.seed = String(argv[++i]);
    else if (a === '--runs') args.runs = Number(argv[++i]);
    else throw new Error(`unknown argument ${a} (use --companies N, --seed S, --runs R)`);
  }
  if (!Number.isSafeInteger(args.companies) || args.companies < 1) throw new Error('--companies must be a positive whole number');
  if (!Number.isSafeInteger(args.runs) || args.runs < 1) throw new Error('--runs must be a positive whole number');
  return args;
}

interface Usage { cpuSeconds: number; peakRssKb: number; bytes: number }

/** Runs the generator under /usr/bin/time; counts stdout bytes without keeping them. */
function generate(companies: number, seed: string): Promise<Usage> {
  return new Promise((resolve, reject) => {
    const child = spawn(TIME, ['-f', '%U %S %M', process.execPath, BIN, 'data', 'generate', '--companies', String(companies), '--seed', seed], {
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
      resolve({ cpuSeconds: user + sys, peakRssKb: rss, bytes });
    });
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(TIME)) throw new Error(`${TIME} is needed for CPU and peak RSS figures (Debian package "time")`);
  console.log(`data generate --companies ${args.companies} --seed ${args.seed}, ${args.runs} run(s); stdout counted by the parent, then dropped`);
  const perCompany: number[] = [];
  for (let run = 1; run <= args.runs; run++) {
    const startup = await generate(1, args.seed);
    const full = await generate(args.companies, args.seed);
    const micros = ((full.cpuSeconds - startup.cpuSeconds) / args.companies) * 1e6;
    perCompany.push(micros);
    console.log(
      `run ${run}: ${micros.toFixed(1)} µs CPU a company (${full.cpuSeconds.toFixed(2)} s, start-up ${startup.cpuSeconds.toFixed(2)} s), ` +
        `${(full.bytes / args.companies).toFixed(0)} bytes a company, peak RSS ${(full.peakRssKb / 1024).toFixed(0)} MB`,
    );
  }
  const sorted = [...perCompany].sort((a, b) => a - b);
  console.log(`best ${sorted[0]!.toFixed(1)} µs, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} µs CPU a company`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
