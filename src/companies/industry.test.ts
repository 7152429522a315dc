import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildIndustryCatalogue, canonicalIndustryCode, findIndustry, INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, parseIndustryCsv } from './industry.js';

/** The section ranges as DATA.md states them. */
const DATA_MD_RANGES =
  'A=01–05 B=06–12 C=13–43 D=44–46 E=47–50 F=51–52 G=53–60 H=61–62 I=63–65 J=66–69 K=70 L=71–72 M=73–75 N=76–79 O=80–82 P=83 Q=84–85 R=86–90 S=91–96 T=97';

test('20 sections and 97 divisions whose ranges match DATA.md', () => {
  assert.equal(INDUSTRY_SECTIONS.length, 20);
  assert.equal(INDUSTRY_DIVISIONS.length, 97);
  assert.deepEqual(INDUSTRY_SECTIONS.map((s) => s.code).join(''), 'ABCDEFGHIJKLMNOPQRST');
  for (const part of DATA_MD_RANGES.split(' ')) {
    const [letter, range] = part.split('=') as [string, string];
    const [first, last = first] = range.split('–').map(Number) as [number, number?];
    const expected = [];
    for (let n = first; n <= last; n++) expected.push(letter + String(n).padStart(2, '0'));
    assert.deepEqual(INDUSTRY_DIVISIONS.filter((d) => d.section === letter).map((d) => d.code), expected, `section ${letter}`);
  }
  assert.equal(new Set(INDUSTRY_DIVISIONS.map((d) => d.name)).size, 97);
});

test('finds sections and divisions with their names', () => {
  assert.equal(findIndustry('I')?.name, '信息传输、软件和信息技术服务业');
  assert.deepEqual(findIndustry('I65'), { code: 'I65', name: '软件和信息技术服务业', level: 'division', section: 'I', parent: 'I' });
  assert.equal(findIndustry('c39')?.name, '计算机、通信和其他电子设备制造业');
  assert.equal(findIndustry('65')?.code, 'I65');
  assert.equal(findIndustry('F52')?.name, '零售业');
  assert.equal(findIndustry('T97')?.name, '国际组织');
});

test('finer levels, wrong sections and malformed codes are not found in the standard catalogue', () => {
  assert.equal(findIndustry('I6513'), undefined);
  assert.equal(findIndustry('C65'), undefined); // division 65 is in section I
  assert.equal(findIndustry('U'), undefined);
  assert.equal(findIndustry('I98'), undefined);
  assert.equal(findIndustry('I6'), undefined);
  assert.equal(findIndustry(''), undefined);
  assert.equal(canonicalIndustryCode('98'), undefined);
});

test('an imported CSV adds groups and classes', () => {
  const csv = '\uFEFFcode,name,level,parent\r\nI6513,应用软件开发,class,I651\r\nI651,软件开发,group,I65\r\n"6512","基础软件开发",小类,\n';
  const entries = parseIndustryCsv(csv);
  assert.equal(entries.length, 3);
  const catalogue = buildIndustryCatalogue(entries);
  assert.deepEqual(findIndustry('I6513', catalogue), { code: 'I6513', name: '应用软件开发', level: 'class', section: 'I', parent: 'I651' });
  assert.equal(findIndustry('i651', catalogue)?.name, '软件开发');
  assert.equal(findIndustry('I6512', catalogue)?.parent, 'I651');
  assert.equal(findIndustry('I65', catalogue)?.name, '软件和信息技术服务业');
});

test('bad CSV rows name their line and problem', () => {
  assert.throws(() => parseIndustryCsv('code,name,level,parent\nX651,软件开发,group,I65\n'), /line 2: code "X651"/);
  assert.throws(() => parseIndustryCsv('I651,软件开发,grp,I65\n'), /line 1: level "grp"/);
  assert.throws(() => parseIndustryCsv('I651,软件开发,class,I65\n'), /line 1: code I651 does not have the shape of a class/);
  assert.throws(() => parseIndustryCsv('I651,软件开发,group,I64\n'), /parent I64 does not contain I651/);
  assert.throws(() => parseIndustryCsv('I651\n'), /line 1: expected code,name,level,parent/);
  assert.throws(() => buildIndustryCatalogue(parseIndustryCsv('I6513,应用软件开发,class,\n')), /parent I651 is not in the catalogue/);
});
