import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { checkCompanyDocument } from './document-check.js';
import { completeRegNo } from './reg-no.js';

const valid = { name: '上海甲乙科技有限公司', companyType: '有限责任公司', status: '存续', establishedOn: '2015-03-02', uscc: '91310115MA1H7J3K7G' };

describe('checkCompanyDocument', () => {
  it('accepts a valid document', () => {
    const r = checkCompanyDocument(valid);
    assert.equal(r.ok, true);
    assert.deepEqual(r.ok && r.warnings, []);
  });

  it('names the missing field, the wrong type and the bad format', () => {
    const { name: _omit, ...noName } = valid;
    assert.match(reason(noName), /missing required property "name"/);
    assert.match(reason({ ...valid, registeredCapital: { amount: '100' } }), /\/registeredCapital\/amount must be number/);
    assert.match(reason({ ...valid, establishedOn: '2015/03/02' }), /\/establishedOn must match pattern/);
    assert.match(reason({ ...valid, dataAsOf: 'yesterday' }), /\/dataAsOf must match format "date-time"/);
    assert.match(reason({ ...valid, keyNo: 'ABC' }), /\/keyNo must match pattern/);
    assert.match(reason([valid]), /expected a JSON object, got an array/);
    assert.match(reason('x'), /expected a JSON object, got string/);
  });

  it('checks USCC check characters strictly unless lenient', () => {
    assert.match(reason({ ...valid, uscc: '91310115MA1H7J3K7H' }), /invalid uscc .*position 18.*expected G/);
    const lenient = checkCompanyDocument({ ...valid, uscc: '91310115MA1H7J3K7H' }, { lenientUscc: true });
    assert.equal(lenient.ok, true);
    assert.match(lenient.ok ? lenient.warnings[0]! : '', /position 18/);
    assert.match(reason({ ...valid, uscc: '91310115MA1H7J3' }, true), /must be 18 characters/);
  });

  it('checks the registration number', () => {
    const regNo = completeRegNo('31011500012345');
    assert.equal(checkCompanyDocument({ ...valid, regNo }).ok, true);
    const wrong = regNo.slice(0, 14) + String((Number(regNo[14]) + 1) % 10);
    assert.match(reason({ ...valid, regNo: wrong }), /invalid regNo .*check digit/);
    assert.match(reason({ ...valid, regNo: '12345' }), /15 digits/);
  });

  it('refuses a name that is only blanks', () => {
    assert.match(reason({ ...valid, name: ' \u3000 ' }), /name is shorter than 2/);
  });

  it('ships the same schema as ../shared when that checkout is present', () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const repo = path.resolve(here, '../../..');
    const shipped = fs.readFileSync(path.join(repo, 'src/companies/company.schema.json'), 'utf8');
    const shared = path.resolve(repo, '../shared/contracts/company.schema.json');
    if (!fs.existsSync(shared)) return;
    assert.deepEqual(JSON.parse(shipped), JSON.parse(fs.readFileSync(shared, 'utf8')));
  });
});

function reason(value: unknown, lenientUscc = false): string {
  const r = checkCompanyDocument(value, { lenientUscc });
  assert.equal(r.ok, false, 'expected a rejection');
  return r.ok ? '' : r.reason;
}
