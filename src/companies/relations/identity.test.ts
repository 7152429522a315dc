import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterMentions, personId } from './identity.js';

const sets = (entries: Record<string, string[]>) => new Map(Object.entries(entries).map(([k, v]) => [k, new Set(v)]));

describe('person identity', () => {
  it('keeps the same name at unrelated companies apart', () => {
    assert.deepEqual(clusterMentions(['a', 'b'], { coNames: sets({ a: ['p:李'], b: ['p:王'] }), neighbours: sets({ a: ['x'], b: ['y'] }) }), [['a'], ['b']]);
  });

  it('joins companies sharing another person, a holding edge, or a common neighbour, transitively', () => {
    const groups = clusterMentions(['a', 'b', 'c', 'd', 'e'], {
      coNames: sets({ a: ['p:李'], b: ['p:李'] }),
      neighbours: sets({ b: ['c'], d: ['parent'], e: ['parent'] }),
    });
    assert.deepEqual(groups, [['a', 'b', 'c'], ['d', 'e']]);
  });

  it('gives a person the id of its name and first company', () => {
    assert.equal(personId('张三', ['k1', 'k2']), personId(' 张三 ', ['k1']));
    assert.notEqual(personId('张三', ['k1']), personId('张三', ['k2']));
    assert.match(personId('张三', ['k1']), /^p_[0-9a-f]{20}$/);
  });
});
