import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { completeUscc } from '../src/companies/uscc.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/zhengxin.js');

interface Run { code: number | null; stdout: string; stderr: string }

function zhengxin(t: TestDatabase, args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ZHENGXIN_DATA_DIR: t.dataDir };
    if (t.databaseUrl) env.DATABASE_URL = t.databaseUrl;
    else delete env.DATABASE_URL;
    const child = spawn(process.execPath, [BIN, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const uscc = completeUscc('91330100CL000001');
const doc = { companyType: '有限责任公司', status: '存续', establishedOn: '2015-03-02', name: '杭州命令行测试有限公司', uscc, shareholders: [{ name: '赵六' }] };

for (const backend of BACKENDS) {
  describe(`data import and company show commands on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => { t = await backend.open(); });
    after(async () => { await t.cleanup(); });

    it('imports from stdin and prints exactly one JSON summary line', async () => {
      const run = await zhengxin(t, ['data', 'import', '-', '--progress'], `${JSON.stringify(doc)}\n{oops\n`);
      assert.equal(run.code, 0, run.stderr);
      // An empty SQLite store is loaded in bulk, and --progress times the end of that load on stderr.
      if (backend.name === 'sqlite') assert.match(run.stderr, /bulk load rebuilt 10 indexes in [0-9.]+ s\nprogress: bulk load committed in [0-9.]+ s\n/);
      // PostgreSQL: the batches' time per step; nothing else but counts, which a slow (shared) machine may print after 5 s, and the person identity settled.
      else {
        assert.match(run.stderr, /^progress: batches spent [0-9.]+ s on identities, .*[0-9.]+ s on edges, .*[0-9.]+ s on commit\n/m);
        assert.equal(run.stderr.replace(/^progress: line .*\n/gm, '').replace(/^progress: batches spent .*\n/m, '').replace(/^progress: person identity settled in [0-9.]+ s\n/m, ''), '');
      }
      // Both: the kept person identity is settled before the summary (docs/relations.md "Kept with the graph").
      assert.match(run.stderr, /progress: person identity settled in [0-9.]+ s\n/);
      const lines = run.stdout.split('\n').filter(Boolean);
      assert.equal(lines.length, 1);
      assert.deepEqual(JSON.parse(lines[0]!), { imported: 1, updated: 0, unchanged: 0, rejected: 1, errors: [{ line: 2, reason: JSON.parse(lines[0]!).errors[0].reason }] });
      // The change feed hears of it as of a push (docs/realtime.md).
      const events = await t.db.selectFrom('company_events').select(['type', 'data']).execute();
      assert.deepEqual(events.map((e) => [e.type, (JSON.parse(e.data) as { name: string }).name]), [['company.created', doc.name]]);
    });

    it('imports a file again as unchanged, and exits non-zero on a file it cannot read', async () => {
      const file = path.join(t.dataDir, 'in.ndjson');
      fs.writeFileSync(file, `${JSON.stringify(doc)}\n`);
      const run = await zhengxin(t, ['data', 'import', file]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(JSON.parse(run.stdout).unchanged, 1);
      const missing = await zhengxin(t, ['data', 'import', path.join(t.dataDir, 'nope.ndjson')]);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /ENOENT/);
    });

    it('shows a company by code or name, as a summary or JSON, and exits 1 when nothing matches', async () => {
      const summary = await zhengxin(t, ['company', 'show', uscc.toLowerCase()]);
      assert.equal(summary.code, 0, summary.stderr);
      assert.match(summary.stdout, /杭州命令行测试有限公司/);
      assert.match(summary.stdout, /股东 1/);
      const json = await zhengxin(t, ['company', 'show', '杭州命令行测试有限公司', '--json']);
      assert.equal(json.code, 0, json.stderr);
      assert.equal(JSON.parse(json.stdout).uscc, uscc);
      const none = await zhengxin(t, ['company', 'show', '不存在有限公司']);
      assert.equal(none.code, 1);
      assert.match(none.stderr, /no company matches/);
    });
  });
}
