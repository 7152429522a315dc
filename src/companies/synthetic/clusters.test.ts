import assert from 'node:assert/strict';
import { it } from 'node:test';
import { normaliseAddress } from '../registration-keys.js';
import { CLUSTER_BLOCK, HOT_ADDRESSES } from './clusters.js';
import { generateCompanies, generateCompany } from './generate.js';

it('registers a share of companies at a few agent addresses, with the agent e-mail and nominees linked by a clerk', () => {
  const docs = [...generateCompanies({ count: 6000, seed: 'clusters' })];
  const byAddress = new Map<string, typeof docs>();
  for (const d of docs) {
    const key = normaliseAddress(d.address);
    if (key === null) continue;
    let list = byAddress.get(key);
    if (!list) byAddress.set(key, (list = []));
    list.push(d);
  }
  const crowded = [...byAddress.values()].filter((l) => l.length >= 5);
  // All of the first block's agent addresses, spelled several ways yet one key each.
  assert.equal(crowded.length, HOT_ADDRESSES, `crowded addresses: ${crowded.map((l) => l.length).join(', ')}`);
  const members = crowded.flat();
  let nomineeHeads = 0;
  assert.ok(members.length > 30 && members.length < 100, `members: ${members.length} of ${docs.length}`);
  assert.ok(crowded.some((l) => new Set(l.map((d) => d.address)).size > 1), 'several spellings of one address');
  for (const list of crowded) {
    // Registered in the agent's county: the division, the USCC and the address agree.
    assert.equal(new Set(list.map((d) => d.divisionCode)).size, 1);
    for (const d of list) assert.equal(d.uscc!.slice(2, 8), d.divisionCode);
    const emails = new Set(list.flatMap((d) => (d.contact?.email ? [d.contact.email] : [])));
    assert.equal(emails.size, 1, `one agent e-mail per address: ${[...emails].join(', ')}`);
    // Nominee-headed members carry the address's one clerk as 监事 (what the identity rule links on).
    const supervisors = (d: (typeof docs)[number]) => new Set(d.personnel?.filter((p) => p.positions.includes('监事')).map((p) => p.name));
    for (const rep of new Set(list.map((d) => d.legalRep!))) {
      const headed = list.filter((d) => d.legalRep === rep);
      if (headed.length < 2) continue;
      const common = [...supervisors(headed[0]!)].filter((n) => headed.every((d) => supervisors(d).has(n)));
      assert.equal(common.length, 1, `${rep} heads ${headed.length} with one clerk in common: ${common.join(', ')}`);
    }
    const byRep = new Map<string, number>();
    for (const d of list) byRep.set(d.legalRep!, (byRep.get(d.legalRep!) ?? 0) + 1);
    nomineeHeads = Math.max(nomineeHeads, ...byRep.values());
  }
  assert.ok(nomineeHeads >= 2, `the busiest nominee heads ${nomineeHeads}`);
});

it('decides membership from the index alone: a document is the same generated alone or in a run, and blocks differ', () => {
  const docs = [...generateCompanies({ count: 2000, seed: 'clusters' })];
  for (const i of [0, 17, 999, 1999]) assert.deepEqual(generateCompany('clusters', i), docs[i]);
  const first = generateCompany('clusters', docs.findIndex((d) => d.contact?.email?.startsWith('agent')));
  assert.match(first.contact!.email!, /^agent[0-3]@example\.com$/u);
  assert.ok(CLUSTER_BLOCK >= 10_000);
});
