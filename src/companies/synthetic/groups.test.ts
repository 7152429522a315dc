import assert from 'node:assert/strict';
import { it } from 'node:test';
import { relationEdgesOf } from '../relations/edges.js';
import { generateCompanies } from './generate.js';

it('generates groups: holding chains of three or more, directors across members, and a few cross-holdings', () => {
  const docs = [...generateCompanies({ count: 3000, seed: 'groups' })];
  const byUscc = new Map(docs.map((d) => [d.uscc!, d]));
  const heldBy = (d: (typeof docs)[number]) => d.shareholders?.find((s) => s.kind === 'company' && s.isController && byUscc.has(s.uscc!));
  let chains3 = 0;
  let sharedDirectors = 0;
  let cycles = 0;
  for (const d of docs) {
    const up1 = heldBy(d);
    const p1 = up1 && byUscc.get(up1.uscc!);
    const up2 = p1 && heldBy(p1);
    if (up2) chains3++;
    if (p1 && d.personnel?.some((p) => p.positions.includes('董事') && p.name === p1.legalRep)) sharedDirectors++;
    // A cycle: a holder of d is (through controlling holders) held by d.
    for (const s of d.shareholders ?? []) {
      let at = s.uscc ? byUscc.get(s.uscc) : undefined;
      for (let k = 0; at && k < 8; k++) {
        if (at === d) { cycles++; break; }
        const up = heldBy(at);
        at = up ? byUscc.get(up.uscc!) : undefined;
      }
    }
  }
  assert.ok(chains3 > 50, `chains of three levels: ${chains3}`);
  assert.ok(sharedDirectors > 50, `directors shared with the holder: ${sharedDirectors}`);
  assert.ok(cycles >= 1 && cycles < 100, `cross-holdings: ${cycles}`);
  assert.ok(docs.every((d) => relationEdgesOf(d).every((e) => e.aName !== '' && e.bName !== '')));
});
