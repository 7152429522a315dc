import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { completeUscc } from '../src/companies/uscc.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/zhengxin.js');
function start(t: TestDatabase, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, ZHENGXIN_DATA_DIR: t.dataDir };
  delete env.DATABASE_URL;
  if (t.databaseUrl) env.DATABASE_URL = t.databaseUrl;
  const child = spawn(process.execPath, [BIN, ...args], { env });
  let stdout = '';
  let stderr = '';
  const lineWaiters: Array<() => void> = [];
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); lineWaiters.splice(0).forEach((w) => w()); });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const firstLine = () => new Promise<void>((resolve) => (stdout.includes('\n') ? resolve() : lineWaiters.push(resolve)));
  return { child, done, firstLine, out: () => stdout, err: () => stderr };
}

const doc = (n: string) => ({ companyType: '有限责任公司', status: '存续', establishedOn: '2015-03-02', name: `杭州监视目录${n}有限公司`, uscc: completeUscc(`91330100CL00009${n}`), dataAsOf: '2026-06-30T00:00:00+08:00' });

for (const backend of BACKENDS) describe(`data watch DIR (the real CLI on ${backend.name})`, () => {
  let t: TestDatabase;
  before(async () => { t = await backend.open(); });
  after(async () => { await t.cleanup(); });

  it('imports each stable *.ndjson once through the push path, moving it to done/ or failed/ with a per-line report', async () => {
    const dir = path.join(t.dataDir, 'inbox');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'a.ndjson'), `${JSON.stringify(doc('1'))}\n${JSON.stringify(doc('2'))}\n`);
    fs.writeFileSync(path.join(dir, 'b.ndjson'), `${JSON.stringify(doc('3'))}\n{oops\n`);
    fs.writeFileSync(path.join(dir, 'c.ndjson.part'), '{');
    const run = start(t, ['data', 'watch', dir, '--once', '--interval', '200']);
    const { code } = await run.done;
    assert.equal(code, 0, run.err());
    const lines = run.out().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines, [
      { file: 'a.ndjson', written: 2, errors: 0, movedTo: path.join('done', 'a.ndjson') },
      { file: 'b.ndjson', written: 1, errors: 1, movedTo: path.join('failed', 'b.ndjson') },
    ]);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['c.ndjson.part', 'done', 'failed']);
    assert.match(fs.readFileSync(path.join(dir, 'failed', 'b.ndjson.errors.txt'), 'utf8'), /^line 2: malformed JSON/);
    assert.ok(fs.existsSync(path.join(dir, 'done', 'a.ndjson')));
    // The valid line of the failed file was written too (each line stands alone, as in a push).
    const show = start(t, ['company', 'show', doc('3').uscc, '--json']);
    assert.equal((await show.done).code, 0, show.err());
    assert.equal(JSON.parse(show.out()).name, doc('3').name);
  });

  it('keeps watching until SIGTERM, then exits 0', async () => {
    const dir = path.join(t.dataDir, 'inbox2');
    fs.mkdirSync(dir);
    const run = start(t, ['data', 'watch', dir, '--interval', '100']);
    fs.writeFileSync(path.join(dir, 'x.ndjson.tmp'), `${JSON.stringify(doc('4'))}\n`);
    fs.renameSync(path.join(dir, 'x.ndjson.tmp'), path.join(dir, 'x.ndjson'));
    await run.firstLine();
    run.child.kill('SIGTERM');
    const { code } = await run.done;
    assert.equal(code, 0, run.err());
    assert.ok(fs.existsSync(path.join(dir, 'done', 'x.ndjson')));
  });
});
