import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('ZHENGXIN_DECISION_POLICY at start', () => {
  it('a bad policy file stops `zhengxin serve` before it listens, naming the file and the field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zx-policy-start-'));
    try {
      const file = path.join(dir, 'bank.yaml');
      const text = fs.readFileSync(path.join(repo, 'docs/decision-policy.default.yaml'), 'utf8').replace('pledgeHaircut: 0.5', 'pledgeHaircut: 1.5');
      fs.writeFileSync(file, text);
      const run = spawnSync(process.execPath, [path.join(repo, 'bin/zhengxin.js'), 'serve'], {
        env: { ...process.env, ZHENGXIN_DATA_DIR: dir, ZHENGXIN_DECISION_POLICY: file, DATABASE_URL: '', REDIS_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, new RegExp(`ZHENGXIN_DECISION_POLICY: decision policy ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: creditLine\\.pledgeHaircut must be <= 1`));
      assert.doesNotMatch(run.stdout + run.stderr, /listening/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
