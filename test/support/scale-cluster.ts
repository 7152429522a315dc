import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeToken } from '../../src/protocol/token.js';
import { tempDir } from './databases.js';
import { freePort } from './redis.js';

/**
 * Real `zhengxin serve --role …` child processes for the scale-out tests and the benchmark: each
 * gets its own data directory (nothing shared through the disk unless the caller says so), the
 * shared engines through the environment, and a port; `stopAll` leaves no child behind.
 */
export type Role = 'api' | 'worker' | 'all';

export interface ServeProcess {
  readonly role: Role;
  readonly url: string;
  readonly child: ChildProcess;
  /** The last lines the process wrote to stderr, for failure messages. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/zhengxin.js');
/** Generous: four processes loading their modules at once on a busy 2-core machine take a while. */
const START_BOUND_MS = 120_000;

export class Cluster {
  readonly processes: ServeProcess[] = [];
  private readonly dirs: string[] = [];

  /** `env`: DATABASE_URL, REDIS_URL, BLOB_STORE/S3_*, ZHENGXIN_MASTER_KEY and tuning knobs. */
  constructor(private readonly env: Record<string, string>) {}

  async spawn(role: Role, extraEnv: Record<string, string> = {}): Promise<ServeProcess> {
    const port = await freePort();
    const dataDir = tempDir(`zhengxin-${role}-`);
    this.dirs.push(dataDir);
    const child = spawn(process.execPath, [BIN, 'serve', '--role', role], {
      env: {
        PATH: process.env.PATH ?? '',
        ZHENGXIN_DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        ...this.env,
        ...extraEnv,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let tail = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { tail = (tail + chunk).slice(-4000); });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const url = `http://127.0.0.1:${port}`;
    const proc: ServeProcess = {
      role,
      url,
      child,
      output: () => tail,
      async kill(signal) {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        await exited;
      },
    };
    this.processes.push(proc);
    await waitForHealth(proc);
    return proc;
  }

  /** SIGTERM (graceful), then SIGKILL for anything still running after a bound. */
  async stopAll(): Promise<void> {
    await Promise.all(this.processes.map(async (p) => {
      const done = p.kill('SIGTERM');
      const timer = setTimeout(() => { if (p.child.exitCode === null) p.child.kill('SIGKILL'); }, 10_000);
      await done;
      clearTimeout(timer);
    }));
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function waitForHealth(proc: ServeProcess): Promise<void> {
  const deadline = Date.now() + START_BOUND_MS;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) {
      throw new Error(`zhengxin serve --role ${proc.role} exited with code ${proc.child.exitCode}:\n${proc.output()}`);
    }
    try {
      const res = await fetch(`${proc.url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`zhengxin serve --role ${proc.role} did not answer /healthz within ${START_BOUND_MS} ms:\n${proc.output()}`);
}

/** A 32-byte master key in hex, shared by every process of one cluster (SecretKeys are sealed with it). */
export function newMasterKeyHex(): string {
  return crypto.randomBytes(32).toString('hex');
}

export interface Credentials {
  readonly key: string;
  readonly secretKey: string;
}

export interface WireAnswer {
  Status: string;
  Message: string;
  Result: Record<string, string | null> | null;
}

/** Calls a report endpoint over HTTP the way a vendor client does (Token/Timespan headers, JSON). */
export async function callReportApi(baseUrl: string, name: 'CreateReport' | 'GetReportInfo', creds: Credentials, params: Record<string, string>): Promise<WireAnswer> {
  const timespan = String(Math.floor(Date.now() / 1000));
  const query = new URLSearchParams({ key: creds.key, ...params });
  const res = await fetch(`${baseUrl}/api/yj/Report/${name}?${query}`, {
    headers: { Token: computeToken(creds.key, timespan, creds.secretKey), Timespan: timespan },
  });
  if (!res.ok) throw new Error(`${name} at ${baseUrl}: HTTP ${res.status}`);
  return (await res.json()) as WireAnswer;
}

export async function createReport(baseUrl: string, creds: Credentials, keyNo: string, reportFormat: '1' | '2' = '1'): Promise<string> {
  const answer = await callReportApi(baseUrl, 'CreateReport', creds, { keyNo, reportFormat });
  const orderNo = answer.Result?.OrderNo;
  if (answer.Status !== '200' || !orderNo) throw new Error(`CreateReport at ${baseUrl} answered ${answer.Status} ${answer.Message}`);
  return orderNo;
}

/** Downloads a retrieve URL (relative, as GetReportInfo gives it) from a given API process. */
export async function download(baseUrl: string, reportUrl: string): Promise<Buffer> {
  const res = await fetch(new URL(reportUrl, baseUrl));
  if (res.status !== 200) throw new Error(`retrieve ${reportUrl} at ${baseUrl}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  }));
  return results;
}
