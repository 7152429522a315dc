import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { Redis } from 'ioredis';
import { tempDir } from './databases.js';

/**
 * A Redis for tests. `ZHENGXIN_TEST_REDIS_URL` points at a running server (CI starts one with
 * scripts/start-redis.sh); otherwise each test file starts Debian's `redis-server` on a free port.
 * When neither is possible the Redis tests skip, except under `ZHENGXIN_REQUIRE_REDIS=1` (CI), where
 * a missing Redis is a failure, never a skip. Tests share a server by using unique queue names.
 */
export interface TestRedis {
  readonly url: string;
  close(): Promise<void>;
}

const externalUrl = process.env.ZHENGXIN_TEST_REDIS_URL?.trim() || undefined;
const redisServerBinary = 'redis-server';

function redisServerInstalled(): boolean {
  return spawnSync(redisServerBinary, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Whether the Redis tests can run here; a reason to print when they skip. */
export const REDIS_UNAVAILABLE: string | undefined = externalUrl || redisServerInstalled()
  ? undefined
  : 'no ZHENGXIN_TEST_REDIS_URL and no redis-server on PATH';

if (REDIS_UNAVAILABLE && process.env.ZHENGXIN_REQUIRE_REDIS === '1') {
  throw new Error(`ZHENGXIN_REQUIRE_REDIS=1 but ${REDIS_UNAVAILABLE}: the Redis tests would not run`);
}

/** A queue name no other test (or earlier run) uses. */
export function uniqueQueueName(prefix = 'zx-test'): string {
  return `${prefix}-${crypto.randomBytes(5).toString('hex')}`;
}

export async function startRedis(): Promise<TestRedis> {
  if (externalUrl) return { url: externalUrl, async close() {} };
  const port = await freePort();
  const dir = tempDir('zhengxin-redis-');
  const child: ChildProcess = spawn(redisServerBinary, [
    '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir,
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `redis://127.0.0.1:${port}`;
  try {
    await waitForPing(url, child);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    url,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} before answering PING`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server at ${url} did not answer PING within 10 s`);
}

/** A TCP port nobody listens on right now (Redis cannot be told to pick one itself). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A redis-server of the test's own (never the shared one of ZHENGXIN_TEST_REDIS_URL), without
 * persistence, that the test can kill and start again on the same port: what a Redis restart or
 * crash without AOF/RDB does to the service (every key gone). Needs redis-server on PATH.
 */
export interface RestartableRedis {
  readonly url: string;
  /** SIGKILL: the server and all its data are gone; clients see refused connections. */
  kill(): Promise<void>;
  /** A fresh, empty server on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startRestartableRedis(): Promise<RestartableRedis> {
  const port = await freePort();
  const dir = tempDir('zhengxin-redis-own-');
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(redisServerBinary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    await waitForPing(url, child);
  };
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((resolve) => c.once('exit', resolve));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url,
    kill,
    start,
    async close() {
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
