// docs/integration.md is what integrators read: its status-code table must list every code of the
// server's registry with the exact Message (vendor clients match on it), and its "SDK" column must
// say what this client really does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { TRANSIENT_STATUSES } from '../src/retry-policy.js';

const repositoryRoot = new URL('../../../../', import.meta.url);
const doc = readFileSync(new URL('docs/integration.md', repositoryRoot), 'utf8');

interface Row {
  readonly code: string;
  readonly message: string;
  readonly action: string;
  readonly sdk: string;
}

function statusRows(): Row[] {
  return doc
    .split('\n')
    .filter((line) => /^\| \d{3} \|/.test(line))
    .map((line) => {
      const cells = line.split('|').slice(1, -1).map((c) => c.trim());
      return { code: cells[0]!, message: cells[1]!, action: cells[3]!, sdk: cells[4]! };
    });
}

describe('docs/integration.md', () => {
  it('lists every status code of the server registry once, with the verbatim Message and an action', async () => {
    // The server's registry, compiled by the root build (the client has no server code).
    const registry = (await import(new URL('dist/src/protocol/status-codes.js', repositoryRoot).href)) as { STATUS_MESSAGES: Record<string, string> };
    const rows = statusRows();
    assert.deepEqual(rows.map((r) => r.code).sort(), Object.keys(registry.STATUS_MESSAGES).sort());
    for (const row of rows) {
      assert.equal(row.message, registry.STATUS_MESSAGES[row.code], `message of ${row.code}`);
      assert.ok(row.action.length >= 8, `action for ${row.code}`);
    }
  });

  it('says the SDK retries exactly the codes its policy retries', () => {
    const rows = statusRows();
    const retried = rows.filter((r) => r.sdk.startsWith('retries (')).map((r) => r.code);
    assert.deepEqual(retried.sort(), [...TRANSIENT_STATUSES].sort());
    assert.equal(rows.find((r) => r.code === '115')!.sdk, 'retries once when `Date` shows skew');
  });
});
