import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { walkFromRows, type WalkRow } from './ownership-walk.js';

const none = { src: null, kind: null, a_ref: null, a_name: null, a_type: null, b_ref: null, b_name: null, ratio: null, amount: null, label: null, declared: null, depth: null, supplied: null };
type Far = Pick<WalkRow, 'c_key_no' | 'c_name' | 'c_uscc' | 'c_name_norm' | 'c_status_norm'>;
const company = (keyNo: string, name: string): Far => ({ c_key_no: keyNo, c_name: name, c_uscc: null, c_name_norm: name, c_status_norm: 'ACTIVE' });
const noCompany: Far = { c_key_no: null, c_name: null, c_uscc: null, c_name_norm: null, c_status_norm: null };
const edge = (src: string, aRef: string, bRef: string, depth: number, far: Far = noCompany): WalkRow => ({
  ...none, ...far, t: 0, src, kind: '1', a_ref: aRef, a_name: aRef.slice(2), a_type: aRef.startsWith('p:') ? 'person' : 'company', b_ref: bRef, b_name: 'x', ratio: '0.6', declared: '1', depth,
});

describe('walkFromRows', () => {
  it('reads the root, the edges with their holders, the walked references and the register flags', () => {
    const rows: WalkRow[] = [
      { ...none, ...company('root', '根公司'), t: 1 },
      edge('root', 'k:mid', 'k:root', 0, company('mid', '中间公司')),
      edge('root', 'n:库外公司', 'k:root', 0),
      edge('mid', 'p:张三', 'k:mid', 1),
      edge('mid', 'k:top', 'k:mid', 1, company('top', '顶层公司')),
      { ...none, ...company('top', '顶层公司'), t: 2, supplied: false },
    ];
    const walk = walkFromRows(rows, 1);
    assert.equal(walk.root?.keyNo, 'root');
    assert.equal(walk.edges.length, 4);
    assert.deepEqual(walk.edges[0], { src: 'root', kind: 1, aRef: 'k:mid', aName: 'mid', aType: 'company', bRef: 'k:root', bName: 'x', ratio: 0.6, amount: null, label: null, declared: true });
    assert.equal(walk.companies.get('k:mid')?.name, '中间公司');
    assert.equal(walk.companies.has('p:张三'), false);
    // The root's references, and where edges read below the level bound lead: a holder company's
    // references, an unresolved company holder's own; not a person, not beyond the bound.
    assert.deepEqual([...walk.walked].sort(), ['k:mid', 'k:root', 'n:中间公司', 'n:库外公司', 'n:根公司']);
    assert.deepEqual([...walk.shareholdersSupplied], [['top', false]]);
  });

  it('has no root for an unknown company', () => {
    const walk = walkFromRows([], 12);
    assert.equal(walk.root, undefined);
    assert.equal(walk.walked.size, 0);
  });
});
