/**
 * Programs in other languages (the documented examples, the real-style clients of issue 14) run
 * against the real server: `startTestApi` listening on a loopback port, with workers and an account.
 *
 * Each language's toolchain is looked up on PATH. Where one is missing the tests that need it skip,
 * saying what to install, except under `ZHENGXIN_REQUIRE_CLIENTS=1` (CI, whose `.ci/run` installs
 * them from Debian), where a missing toolchain is a failure, never a skip.
 */
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { updateAccount } from '../../src/accounts/accounts.js';
import { INTERFACE_REGISTRY } from '../../src/protocol/catalogue.js';
import type { TestBackend } from './databases.js';
import { startTestApi, type TestApi } from './server.js';

export interface Toolchain {
  /** The command to run (first of the candidates that works). */
  readonly command: string;
  /** Arguments that come before the program (e.g. a classpath). */
  readonly args: readonly string[];
}

interface ToolSpec {
  /** What to install, for the skip message: Debian package names. */
  readonly install: string;
  /** Commands to try, in order, each with the arguments that prove it works. */
  readonly candidates: ReadonlyArray<{ command: string; probe: readonly string[]; args?: readonly string[] }>;
}

const JAVA_OKHTTP_CLASSPATH = '/usr/share/java/okhttp.jar:/usr/share/java/okio.jar';

export const TOOLCHAINS = {
  bash: { install: 'bash curl', candidates: [{ command: 'bash', probe: ['-c', 'command -v curl && command -v md5sum && command -v sed'] }] },
  java: { install: 'default-jdk-headless', candidates: [{ command: 'java', probe: ['-version'] }] },
  /** Java with OkHttp 3 from Debian's libokhttp-java (the jars on the classpath). */
  javaOkHttp: {
    install: 'default-jdk-headless libokhttp-java',
    candidates: [{ command: 'java', probe: ['-cp', JAVA_OKHTTP_CLASSPATH, '-version'], args: ['-cp', JAVA_OKHTTP_CLASSPATH] }],
  },
  python: { install: 'python3', candidates: [{ command: 'python3', probe: ['-c', 'import urllib.request'] }] },
  /** A Python that has `requests`: pyenv's or another on PATH, else Debian's python3-requests. */
  pythonRequests: {
    install: 'python3-requests',
    candidates: [{ command: 'python3', probe: ['-c', 'import requests'] }, { command: '/usr/bin/python3', probe: ['-c', 'import requests'] }],
  },
  go: { install: 'golang-go', candidates: [{ command: 'go', probe: ['version'] }] },
  php: { install: 'php-cli php-curl', candidates: [{ command: 'php', probe: ['-r', 'exit(function_exists("curl_init") ? 0 : 1);'] }] },
} satisfies Record<string, ToolSpec>;

export type ToolName = keyof typeof TOOLCHAINS;

const REQUIRED = process.env.ZHENGXIN_REQUIRE_CLIENTS === '1';

/**
 * These programs talk to a SQLite-backed server; .ci/run's second pass (ZHENGXIN_TEST_SCALE_OUT=1)
 * changes only the PostgreSQL engines, so running them again there would repeat the first pass.
 */
export const SCALE_OUT_PASS: false | string = process.env.ZHENGXIN_TEST_SCALE_OUT === '1' && 'ran in the first pass on SQLite; the scale-out pass changes only the PostgreSQL engines';
const found = new Map<ToolName, Toolchain | undefined>();

export function findToolchain(name: ToolName): Toolchain | undefined {
  if (!found.has(name)) {
    const spec: ToolSpec = TOOLCHAINS[name];
    const hit = spec.candidates.find((c) => spawnSync(c.command, [...c.probe], { stdio: 'ignore', timeout: 60_000 }).status === 0);
    found.set(name, hit ? { command: hit.command, args: hit.args ?? [] } : undefined);
  }
  return found.get(name);
}

/**
 * `false` when the toolchain is there; otherwise the skip message for node:test. Under
 * ZHENGXIN_REQUIRE_CLIENTS=1 a missing toolchain throws instead, so CI cannot pass without it.
 */
export function skipUnless(name: ToolName): false | string {
  if (findToolchain(name)) return false;
  const message = `${name}: not installed here (Debian: apt-get install ${TOOLCHAINS[name].install}); CI installs it and sets ZHENGXIN_REQUIRE_CLIENTS=1`;
  if (REQUIRED) throw new Error(`ZHENGXIN_REQUIRE_CLIENTS=1 but ${message}`);
  return message;
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to its end (bounded: a hung client is killed after `timeoutMs`). */
export function run(command: string, args: readonly string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => { stderr += `\n[killed after ${options.timeoutMs ?? 180_000} ms]`; child.kill('SIGKILL'); }, options.timeoutMs ?? 180_000);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

export interface RealServer {
  readonly api: TestApi;
  readonly baseUrl: string;
  readonly key: string;
  readonly secretKey: string;
  /** The environment the example programs read their configuration from. */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The real server on a loopback port with report workers and a funded account. The test API's
 * clock is a manual one; other processes sign with the wall clock, so it follows the wall clock here.
 */
export async function startRealServer(backend: TestBackend, env: Record<string, string> = {}, options: { port?: number; allInterfaces?: boolean } = {}): Promise<RealServer> {
  const api = await startTestApi(backend, env);
  const tick = setInterval(() => api.clock.set(Date.now()), 100);
  tick.unref();
  try {
    const { key, secretKey } = await api.account({ balance: 100 });
    // Every interface of the registry bought and enabled (the company-data ones too), as an operator would.
    if (options.allInterfaces) await updateAccount(api.db.db, key, { interfaces: 'all' }, Date.now(), INTERFACE_REGISTRY);
    await api.startWorkers();
    const baseUrl = await api.app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
    return {
      api, baseUrl, key, secretKey,
      env: { ZHENGXIN_KEY: key, ZHENGXIN_SECRET_KEY: secretKey, ZHENGXIN_BASE_URL: baseUrl },
      async close() {
        clearInterval(tick);
        await api.close();
      },
    };
  } catch (err) {
    clearInterval(tick);
    await api.close();
    throw err;
  }
}

/** A loopback port free right now (for a server that must know its own URL before it listens). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
