/**
 * Fail loudly at start (issue 15 items 13-14): `serve` that cannot listen exits non-zero at once,
 * leaving no worker behind to take jobs; `npm start`'s demo binds 127.0.0.1 unless HOST says
 * otherwise, and says what it binds. Real processes, both backends for the failed start.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/zhengxin.js');

function serve(t: TestDatabase, args: string[], env: Record<string, string> = {}): ChildProcess & { output(): string } {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ZHENGXIN_DATA_DIR: t.dataDir, ZHENGXIN_ADMIN_TOKEN: 'x'.repeat(32), ...env };
  // A shared database needs the master key (a start without it is refused: scale-master-key.test).
  if (t.databaseUrl) Object.assign(childEnv, { DATABASE_URL: t.databaseUrl, ZHENGXIN_MASTER_KEY: '5a'.repeat(32) });
  else delete childEnv.DATABASE_URL;
  delete childEnv.HOST;
  Object.assign(childEnv, env);
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { env: childEnv });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return Object.assign(child, { output: () => output });
}

/** The exit code, or a failure if the process is still running after `ms` (then it is killed). */
function exitWithin(child: ChildProcess, ms: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${ms} ms`));
    }, ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

for (const backend of BACKENDS) {
  describe(`serve start-up failures on ${backend.name}`, () => {
    let t: TestDatabase;
    let blocker: net.Server;
    let port: number;
    before(async () => {
      t = await backend.open();
      blocker = net.createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
      port = (blocker.address() as net.AddressInfo).port;
    });
    after(async () => {
      await new Promise((resolve) => blocker.close(resolve));
      await t.cleanup();
    });

    it('exits non-zero when the port is in use, naming the cause, with nothing left running', async () => {
      const child = serve(t, ['--port', String(port)]);
      // Generous: the machine is shared; a server that never exits fails here however long we wait.
      const code = await exitWithin(child, 60_000);
      assert.notEqual(code, 0, child.output());
      assert.notEqual(code, null);
      assert.match(child.output(), /EADDRINUSE/);
      assert.throws(() => process.kill(child.pid!, 0), /ESRCH/, 'the process is gone, its render threads with it');
    });
  });
}

describe('npm start (serve --demo) binding', () => {
  let t: TestDatabase;
  before(async () => { t = await BACKENDS[0]!.open(); });
  after(async () => { await t.cleanup(); });

  const otherAddress = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

  it('listens on 127.0.0.1 only by default and says so', async (tc) => {
    const child = serve(t, ['--demo', '--port', '0']);
    try {
      const deadline = Date.now() + 120_000;
      while (!/Listening on/.test(child.output()) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      const note = child.output().match(/Listening on 127\.0\.0\.1:(\d+) only \(this machine\)\. HOST=0\.0\.0\.0 npm start accepts other machines too\./);
      assert.ok(note, child.output());
      const demoPort = Number(note[1]);
      assert.equal(await connects('127.0.0.1', demoPort), true);
      if (!otherAddress) return tc.skip('no non-loopback address on this machine to probe');
      assert.equal(await connects(otherAddress, demoPort), false, `reachable on ${otherAddress}`);
    } finally {
      child.kill('SIGTERM');
      await exitWithin(child, 60_000);
    }
  });
});

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}
