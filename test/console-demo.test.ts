import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { demoBanner, ensureDemoAdminToken } from '../src/cli/serve-command.js';
import { tempDir } from './support/databases.js';

it("gives npm start's web console an operator token of its own, kept 0600 and reused", () => {
  const dir = tempDir();
  try {
    const token = ensureDemoAdminToken(dir);
    assert.ok(token.length >= 32);
    const file = path.join(dir, 'demo-admin-token');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(ensureDemoAdminToken(dir), token);
    const banner = demoBanner('http://127.0.0.1:8080', { key: 'k'.repeat(32), secretKey: 'S'.repeat(32), companies: ['甲'], createdAccount: true, adminToken: { token, file } }, dir);
    assert.ok(banner.includes('http://127.0.0.1:8080/console/'));
    assert.ok(banner.includes(token));
    // A configured token is never printed.
    const configured = demoBanner('http://127.0.0.1:8080', { key: 'k'.repeat(32), secretKey: 'S'.repeat(32), companies: ['甲'], createdAccount: true, adminToken: { token: 'my-real-token', file: undefined } }, dir);
    assert.ok(!configured.includes('my-real-token'));
    assert.ok(configured.includes('ZHENGXIN_ADMIN_TOKEN'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
