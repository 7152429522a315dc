import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { RelationFacts } from '../src/companies/relations/facts.js';
import { completeUscc } from '../src/companies/uscc.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/zhengxin.js');

function zhengxin(t: TestDatabase, args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
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

const base = { companyType: '有限责任公司', status: '存续', establishedOn: '2015-03-02' };
const holdingUscc = completeUscc('91330100CG000001');
const targetUscc = completeUscc('91330100CG000002');
const docs = [
  { ...base, name: '杭州图谱控股有限公司', uscc: holdingUscc, legalRep: '周图谱', shareholders: [{ name: '周图谱', kind: 'person', ratio: 0.9 }, { name: '吴少', kind: 'person', ratio: 0.1 }] },
  { ...base, name: '杭州图谱目标有限公司', uscc: targetUscc, legalRep: '周图谱', shareholders: [{ name: '杭州图谱控股有限公司', kind: 'company', uscc: holdingUscc, ratio: 0.75 }, { name: '吴少', kind: 'person', ratio: 0.25 }] },
];

for (const backend of BACKENDS) {
  describe(`company graph command on ${backend.name}`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await backend.open();
      const run = await zhengxin(t, ['data', 'import', '-'], docs.map((d) => JSON.stringify(d)).join('\n'));
      assert.equal(run.code, 0, run.stderr);
    });
    after(async () => { await t.cleanup(); });

    it('prints the controller with its chain, the beneficial owners and the related companies', async () => {
      const run = await zhengxin(t, ['company', 'graph', targetUscc]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /实际控制人 controller\n {2}周图谱 \[person\] {2}累计持股 67\.5%/);
      assert.match(run.stdout, /chain: 周图谱 —90%→ 杭州图谱控股有限公司 —75%→ 杭州图谱目标有限公司/);
      assert.match(run.stdout, /受益所有人[^\n]*\n {2}周图谱 {2}67\.5%/);
      assert.match(run.stdout, /吴少 {2}32\.5% {2}\(2 paths\)/);
      assert.match(run.stdout, /杭州图谱控股有限公司 \(\w+\) {2}legal-rep-other via 周图谱/);
      const json = await zhengxin(t, ['company', 'graph', '杭州图谱目标有限公司', '--json', '--depth', '1']);
      assert.equal(json.code, 0, json.stderr);
      const facts = JSON.parse(json.stdout) as RelationFacts;
      assert.equal(facts.controller.controller?.name, '周图谱');
      assert.equal(facts.penetration.children[0]!.truncated, true);
    });

    it('answers clearly for an unknown company or a bad depth', async () => {
      const none = await zhengxin(t, ['company', 'graph', '不存在的图谱有限公司']);
      assert.equal(none.code, 1);
      assert.match(none.stderr, /no company matches/);
      const bad = await zhengxin(t, ['company', 'graph', targetUscc, '--depth', '0']);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /--depth must be a whole number from 1 to 12, got 0/);
    });
  });
}
