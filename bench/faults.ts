/**
 * `npm run bench:faults`
 *
 * The issue-16 fault runs as figures: runs test/scale-faults.test.ts (one API and one worker
 * `serve --role` process over PostgreSQL, a redis-server of its own and s3rver; every PostgreSQL
 * backend terminated mid-load, Redis killed and started empty with orders queued, S3 stopped for
 * 10 s while reports are stored) and prints, for each fault, the orders placed, how many were
 * stranded or pending, how many needed manual action (0), how many ended F (0), charges per order
 * (1) and the seconds until everything healed. The test asserts those; this prints them.
 * Needs PostgreSQL (ZHENGXIN_TEST_POSTGRES_URL, default the local one) and redis-server on PATH.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const testFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/scale-faults.test.js');
const env = {
  ...process.env,
  ZHENGXIN_TEST_SCALE_OUT: '1',
  ZHENGXIN_TEST_POSTGRES_URL: process.env.ZHENGXIN_TEST_POSTGRES_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
};
console.log(`bench:faults — ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the start`);
const child = spawn(process.execPath, ['--test', '--test-reporter=spec', testFile], { env, stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
for (const line of out.split('\n')) {
  const m = /fault figures (\S+): (.*)$/.exec(line);
  if (m) console.log(`${m[1]!.padEnd(20)} ${m[2]}`);
}
if (code !== 0) {
  console.log(out.split('\n').filter((l) => /✖|Error/.test(l)).slice(0, 20).join('\n'));
  console.log('a fault run failed (its assertions are above)');
  process.exitCode = 1;
}
