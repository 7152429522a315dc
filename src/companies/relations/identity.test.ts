import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashSeed, Random } from '../synthetic/random.js';
import { EDGE_KIND } from './edges.js';
import type { EdgeRow, GraphReadPort } from './graph-store.js';
import { clusterMentions, personId, PersonResolver } from './identity.js';

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

/** The read port over edges in memory: the same answers the SQL gives (graph-store.ts). */
function memoryPort(stored: Array<{ keyNo: string; uscc: string | null; nameNorm: string }>, edges: EdgeRow[]): GraphReadPort & { reads: number } {
  const byKey = new Map(stored.map((c) => [c.keyNo, c]));
  const port = {
    reads: 0,
    async companies(keys: readonly string[]) {
      port.reads++;
      return new Map(keys.flatMap((k) => { const c = byKey.get(k); return c ? [[k, { ...c, name: c.nameNorm, statusNorm: 'ACTIVE' }] as const] : []; }));
    },
    async risk() { return new Map(); },
    async resolveCompanies(refs: readonly string[]) {
      const keys = await port.resolve(refs);
      const rows = await port.companies([...keys.values()]);
      return new Map([...keys].map(([r, k]) => [r, rows.get(k)!]));
    },
    async resolve(refs: readonly string[]) {
      const out = new Map<string, string>();
      for (const r of refs) {
        const v = r.slice(2);
        const hits = stored.filter((c) => (r.startsWith('k:') && c.keyNo === v) || (r.startsWith('u:') && c.uscc === v) || (r.startsWith('n:') && c.nameNorm === v));
        if (hits.length === 1) out.set(r, hits[0]!.keyNo);
      }
      return out;
    },
    async edgesTo(refs: readonly string[], kinds: readonly number[]) { port.reads++; return edges.filter((e) => refs.includes(e.bRef) && kinds.includes(e.kind)); },
    async edgesFrom(refs: readonly string[], kinds: readonly number[]) { port.reads++; return edges.filter((e) => refs.includes(e.aRef) && kinds.includes(e.kind)); },
    async edgesStatedBy(keys: readonly string[], kinds: readonly number[]) { port.reads++; return edges.filter((e) => keys.includes(e.src) && kinds.includes(e.kind)); },
    async sourcesFromAlso(refs: readonly string[], kinds: readonly number[], alsoFrom: string) {
      const also = new Set(edges.filter((e) => e.aRef === alsoFrom && kinds.includes(e.kind)).map((e) => e.src));
      return (await port.sourcesFrom(refs, kinds)).filter((m) => also.has(m.src));
    },
    async sourcesFrom(refs: readonly string[], kinds: readonly number[]) { port.reads++; return edges.filter((e) => refs.includes(e.aRef) && kinds.includes(e.kind)).map((e) => ({ ref: e.aRef, src: e.src })); },
  };
  return port;
}

/** A small random world: few names (so they repeat), holdings, investments in and out of the store, branches. */
function randomWorld(seed: number): { port: ReturnType<typeof memoryPort>; mentions: Array<[string, string]> } {
  const r = new Random(hashSeed('identity'), seed, 0);
  const n = 8 + r.int(25);
  const stored = Array.from({ length: n }, (_, i) => ({ keyNo: `k${String(i).padStart(3, '0')}`, uscc: r.chance(0.6) ? `U${i}` : null, nameNorm: `公司${i % (n - 2)}` }));
  const names = ['张三', '李四', '王五', '赵六', '钱七'];
  const edges: EdgeRow[] = [];
  const edge = (src: string, kind: number, aRef: string, aType: EdgeRow['aType'], bRef: string): void => {
    edges.push({ src, kind, aRef, aName: aRef.slice(2), aType, bRef, bName: bRef.slice(2), ratio: null, amount: null, label: null, declared: false });
  };
  const companyRef = (i: number): string => (r.chance(0.1) ? `n:库外${i}` : stored[i]!.uscc ? `u:${stored[i]!.uscc}` : `n:${stored[i]!.nameNorm}`);
  const mentions: Array<[string, string]> = [];
  for (const c of stored) {
    const self = `k:${c.keyNo}`;
    for (let j = 0, m = 1 + r.int(3); j < m; j++) {
      const name = r.pick(names);
      edge(c.keyNo, r.pick([EDGE_KIND.shareholder, EDGE_KIND.executive, EDGE_KIND.legalRep]), `p:${name}`, 'person', self);
      mentions.push([name, c.keyNo]);
    }
    if (r.chance(0.3)) edge(c.keyNo, EDGE_KIND.shareholder, companyRef(r.int(n)), r.chance(0.9) ? 'company' : 'other', self);
    if (r.chance(0.25)) edge(c.keyNo, EDGE_KIND.investment, self, 'company', companyRef(r.int(n)));
    if (r.chance(0.1)) edge(c.keyNo, EDGE_KIND.branch, self, 'company', companyRef(r.int(n)));
    if (r.chance(0.1)) edge(c.keyNo, EDGE_KIND.branch, companyRef(r.int(n)), 'company', self);
    if (r.chance(0.1)) edge(c.keyNo, EDGE_KIND.legalRep, companyRef(r.int(n)), 'company', self);
  }
  return { port: memoryPort(stored, edges), mentions };
}

describe('PersonResolver', () => {
  it('grows one mention\'s group to exactly the group clustering every mention of the name gives', async () => {
    let compared = 0;
    let merged = 0;
    for (let seed = 0; seed < 150; seed++) {
      const { port, mentions } = randomWorld(seed);
      const whole = new PersonResolver(port);
      for (const [name, at] of mentions) {
        const expected = (await whole.peopleNamed(name)).find((p) => p.companies.includes(at))!;
        const grown = await new PersonResolver(port).at(name, at);
        assert.deepEqual(grown, expected, `seed ${seed}: ${name} at ${at}`);
        compared++;
        if (expected.companies.length > 1) merged++;
      }
    }
    assert.ok(compared > 1000 && merged > 200, `the worlds exercise merging (${merged} of ${compared} mentions in a group of several)`);
  });

  it('grown from one mention (names of any size), gives the same groups as clustering the whole name', async () => {
    let compared = 0;
    for (let seed = 0; seed < 60; seed++) {
      const { port, mentions } = randomWorld(seed);
      const whole = new PersonResolver(port);
      for (const [name, at] of mentions) {
        const expected = (await whole.peopleNamed(name)).find((p) => p.companies.includes(at))!;
        assert.deepEqual(await new PersonResolver(port, { wholeNameMentions: 0 }).at(name, at), expected, `seed ${seed}: ${name} at ${at}`);
        compared++;
      }
    }
    assert.ok(compared > 400);
  });

  it('identifies a whole level of mentions at once: the same persons, in a few reads whatever the number of names', async () => {
    for (let seed = 0; seed < 60; seed++) {
      const { port, mentions } = randomWorld(seed);
      const whole = new PersonResolver(port);
      const expected = await Promise.all(mentions.map(async ([name, at]) => (await whole.peopleNamed(name)).find((p) => p.companies.includes(at))!));
      const before = port.reads;
      const batched = await new PersonResolver(port).atMany(mentions.map(([name, keyNo]) => ({ name, keyNo })));
      assert.deepEqual(batched, expected, `seed ${seed}`);
      // Mentions of every name, then the edges their companies state (resolving references is not counted by this port).
      assert.ok(port.reads - before <= 2, `seed ${seed}: ${port.reads - before} reads`);
      // Grown (every name above the whole-name bound): all mentions in step, the same persons.
      assert.deepEqual(await new PersonResolver(port, { wholeNameMentions: 0 }).atMany(mentions.map(([name, keyNo]) => ({ name, keyNo }))), expected, `seed ${seed}, grown`);
    }
  });

  it('a mention at a company where the name is not mentioned is a person of that company alone', async () => {
    const { port } = randomWorld(1);
    const p = await new PersonResolver(port).at('无此人', 'k000');
    assert.deepEqual(p, { id: personId('无此人', ['k000']), name: '无此人', companies: ['k000'] });
  });
});
