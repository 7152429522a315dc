import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COUNTY_DIVISIONS, findDivision } from './divisions.js';

test('ships the whole county level of NBS 2023', () => {
  assert.equal(COUNTY_DIVISIONS.length, 2978);
  assert.equal(new Set(COUNTY_DIVISIONS.map((d) => d.code)).size, 2978);
  for (const d of COUNTY_DIVISIONS) {
    assert.match(d.code, /^[0-9]{6}$/);
    assert.ok(d.name && d.province, `division ${d.code} lacks a name or province`);
  }
});

test('finds a county with its city and province', () => {
  assert.deepEqual(findDivision('310115'), { code: '310115', name: '浦东新区', city: '上海市', province: '上海市', level: 'county' });
  assert.deepEqual(findDivision('440305'), { code: '440305', name: '南山区', city: '深圳市', province: '广东省', level: 'county' });
  const jiyuan = findDivision('419001');
  assert.equal(jiyuan?.name, '济源市');
  assert.equal(jiyuan?.city, '');
  assert.equal(jiyuan?.province, '河南省');
});

test('resolves prefecture and province authorities', () => {
  assert.deepEqual(findDivision('440300'), { code: '440300', name: '深圳市', city: '深圳市', province: '广东省', level: 'prefecture' });
  assert.deepEqual(findDivision('110000'), { code: '110000', name: '北京市', city: '', province: '北京市', level: 'province' });
});

test('answers undefined for unknown, historical or malformed codes', () => {
  assert.equal(findDivision('999999'), undefined);
  assert.equal(findDivision('110103'), undefined); // 崇文区, merged into 东城区 in 2010
  assert.equal(findDivision('11010'), undefined);
  assert.equal(findDivision('11010a'), undefined);
  assert.equal(findDivision(''), undefined);
});
