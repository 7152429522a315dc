import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathLine } from '../src/cli/main.js';

describe('zhengxin-client relation output', () => {
  it('prints each edge in its own direction with its label and ratio', () => {
    const line = pathLine({
      Length: 2,
      Nodes: [{ Id: 'ka', Type: 'company', Name: '甲公司', KeyNo: 'ka' }, { Id: 'p_1', Type: 'person', Name: '张三', KeyNo: null }, { Id: 'kb', Type: 'company', Name: '乙公司', KeyNo: 'kb' }],
      Edges: [{ From: 'p_1', To: 'ka', Type: 'legalRep', Label: '法定代表人', Ratio: null }, { From: 'p_1', To: 'kb', Type: 'shareholder', Label: '股东', Ratio: '70%' }],
    });
    assert.equal(line, '2  甲公司 <-法定代表人- 张三 -股东 70%-> 乙公司');
  });
});
