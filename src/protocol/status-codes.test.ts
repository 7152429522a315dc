import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { STATUS_MESSAGES } from './status-codes.js';

const protocolFile = path.resolve(process.cwd(), '../shared/PROTOCOL.md');

/** Rows of the two status tables: `| 201 | 【有效请求】查询无结果 | when |`. */
function tableFromProtocol(text: string): Record<string, string> {
  const section = text.slice(text.indexOf('## Status codes'), text.indexOf('## Defaults'));
  const rows: Record<string, string> = {};
  for (const line of section.split('\n')) {
    const m = /^\|\s*(\d{3})\s*\|\s*([^|]+?)\s*\|/.exec(line);
    if (m) rows[m[1]!] = m[2]!;
  }
  return rows;
}

describe('status code registry', () => {
  it('matches the table in PROTOCOL.md exactly', { skip: !fs.existsSync(protocolFile) && 'no ../shared/PROTOCOL.md in this checkout' }, () => {
    const documented = tableFromProtocol(fs.readFileSync(protocolFile, 'utf8'));
    assert.ok(Object.keys(documented).length > 30, 'parsed the status tables');
    assert.deepEqual({ ...STATUS_MESSAGES }, documented);
  });

  it('has a message for every code, each with its validity prefix', () => {
    for (const [code, message] of Object.entries(STATUS_MESSAGES)) {
      assert.match(code, /^\d{3}$/);
      assert.match(message, /^【(有效|无效)请求】/);
    }
  });
});
