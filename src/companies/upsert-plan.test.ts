import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sha256Hex } from './canonical.js';
import { identityKeysOf, keysNeedingStoredText, planBatch, sameContent, type ExistingIdentity, type PlannedDocument } from './upsert-plan.js';

const KEY_A = 'a'.repeat(32);
const KEY_B = 'b'.repeat(32);
const KEY_X = 'e'.repeat(32);

function planned(text: string, ids: Partial<PlannedDocument> = {}): PlannedDocument {
  return { explicitKeyNo: null, derivedKeyNo: KEY_A, uscc: null, regNo: null, docText: text, docHash: sha256Hex(text), ...ids };
}

function stored(keyNo: string, text: string, ids: Partial<ExistingIdentity> = {}): ExistingIdentity {
  return { keyNo, uscc: null, regNo: null, hash: sha256Hex(text), ...ids };
}

describe('planBatch', () => {
  it('imports a new company under its derived KeyNo and writes it', () => {
    const doc = planned('{"name":"甲"}');
    const plan = planBatch([doc], [], new Map());
    assert.deepEqual(plan.outcomes, [{ status: 'imported', keyNo: KEY_A }]);
    assert.deepEqual(plan.writes, [{ doc, keyNo: KEY_A }]);
    assert.deepEqual(plan.replacedKeys, []);
  });

  it('calls an equal hash unchanged without needing the stored text', () => {
    const text = '{"name":"甲","status":"存续"}';
    const existing = [stored(KEY_A, text)];
    assert.deepEqual(keysNeedingStoredText([planned(text)], existing), []);
    const plan = planBatch([planned(text)], existing, new Map());
    assert.deepEqual(plan.outcomes, [{ status: 'unchanged', keyNo: KEY_A }]);
    assert.deepEqual(plan.writes, []);
  });

  it('calls the same content in another key order, spacing or with keyNo unchanged, by comparing the stored text', () => {
    const storedText = '{"name":"甲","status":"存续","shareholders":[{"name":"张三","ratio":1}]}';
    const newText = `{ "keyNo": "${KEY_A}", "shareholders": [{"ratio": 1, "name": "张三"}], "status": "存续", "name": "甲" }`;
    const doc = planned(newText, { explicitKeyNo: KEY_A });
    const existing = [stored(KEY_A, storedText)];
    assert.deepEqual(keysNeedingStoredText([doc], existing), [KEY_A]);
    assert.deepEqual(planBatch([doc], existing, new Map([[KEY_A, storedText]])).outcomes, [{ status: 'unchanged', keyNo: KEY_A }]);
  });

  it('replaces a changed company, and counts a missing stored text as changed', () => {
    const existing = [stored(KEY_A, '{"name":"甲","status":"存续"}')];
    const changed = planned('{"name":"甲","status":"注销"}');
    const withText = planBatch([changed], existing, new Map([[KEY_A, '{"name":"甲","status":"存续"}']]));
    assert.deepEqual(withText.outcomes, [{ status: 'updated', keyNo: KEY_A }]);
    assert.deepEqual(withText.replacedKeys, [KEY_A]);
    const unchangedButUnread = planned('{"status":"存续","name":"甲"}');
    assert.deepEqual(planBatch([unchangedButUnread], existing, new Map()).outcomes, [{ status: 'updated', keyNo: KEY_A }]);
  });

  it('takes identity from keyNo, else the stored uscc, else the stored regNo', () => {
    const existing = [stored(KEY_B, '{}', { uscc: 'U1' }), stored(KEY_X, '{}', { regNo: 'R1' })];
    const plan = planBatch(
      [planned('{"n":1}', { uscc: 'U1', derivedKeyNo: KEY_A }), planned('{"n":2}', { regNo: 'R1', derivedKeyNo: 'c'.repeat(32) }), planned('{"n":3}', { explicitKeyNo: 'd'.repeat(32) })],
      existing,
      new Map(),
    );
    assert.deepEqual(plan.outcomes.map((o) => [o.status, o.keyNo]), [['updated', KEY_B], ['updated', KEY_X], ['imported', 'd'.repeat(32)]]);
  });

  it('rejects a uscc or regNo that belongs to another company, and only that document', () => {
    const existing = [stored(KEY_B, '{}', { uscc: 'U1', regNo: 'R1' })];
    const plan = planBatch(
      [planned('{"n":1}', { explicitKeyNo: KEY_A, uscc: 'U1' }), planned('{"n":2}', { explicitKeyNo: KEY_X, regNo: 'R1' }), planned('{"n":3}', { derivedKeyNo: 'c'.repeat(32) })],
      existing,
      new Map(),
    );
    assert.deepEqual(plan.outcomes[0], { status: 'rejected', keyNo: KEY_A, reason: `uscc U1 already belongs to company ${KEY_B}` });
    assert.deepEqual(plan.outcomes[1], { status: 'rejected', keyNo: KEY_X, reason: `regNo R1 already belongs to company ${KEY_B}` });
    assert.equal(plan.outcomes[2]!.status, 'imported');
    assert.equal(plan.writes.length, 1);
  });

  it('frees a replaced company\'s old uscc for a later document of the batch', () => {
    const existing = [stored(KEY_A, '{}', { uscc: 'OLD' })];
    const plan = planBatch([planned('{"n":1}', { explicitKeyNo: KEY_A, uscc: 'NEW' }), planned('{"n":2}', { explicitKeyNo: KEY_B, uscc: 'OLD' })], existing, new Map(), { replace: true });
    assert.deepEqual(plan.outcomes.map((o) => o.status), ['updated', 'imported']);
  });

  it('refuses the same KeyNo twice in a batch (first wins), or asks admit when given', () => {
    const twice = [planned('{"n":1}'), planned('{"n":2}')];
    const plan = planBatch(twice, [], new Map());
    assert.deepEqual(plan.outcomes[1], { status: 'rejected', keyNo: KEY_A, reason: `same company (keyNo ${KEY_A}) as document 1 of this batch` });
    const asked: Array<[string, number]> = [];
    const admitted = planBatch(twice, [], new Map(), { admit: (k, i) => (asked.push([k, i]), i === 1 ? 'no' : undefined) });
    assert.deepEqual(asked, [[KEY_A, 0], [KEY_A, 1]]);
    assert.deepEqual(admitted.outcomes[1], { status: 'rejected', keyNo: KEY_A, reason: 'no' });
  });

  it("refuses an explicit keyNo naming a stored company with another uscc or regNo, unless replace", () => {
    const existing = [stored(KEY_A, '{"name":"甲"}', { uscc: 'U1', regNo: 'R1' })];
    const impostor = planned('{"name":"乙"}', { explicitKeyNo: KEY_A, derivedKeyNo: KEY_B, uscc: 'U2', regNo: 'R1' });
    const refused = planBatch([impostor], existing, new Map());
    assert.deepEqual(refused.writes, []);
    assert.equal(refused.outcomes[0]!.status, 'rejected');
    assert.match((refused.outcomes[0] as { reason: string }).reason, /^keyNo a{32} belongs to the stored company with uscc U1, and this line has uscc U2/);
    const noRegNo = planBatch([planned('{"name":"乙"}', { explicitKeyNo: KEY_A, uscc: 'U1' })], existing, new Map());
    assert.match((noRegNo.outcomes[0] as { reason: string }).reason, /with regNo R1, and this line has no regNo/);
    assert.deepEqual(planBatch([impostor], existing, new Map(), { replace: true }).outcomes, [{ status: 'updated', keyNo: KEY_A }]);
    // A stored company without codes gains them; the same codes are an ordinary update.
    const bare = [stored(KEY_A, '{"name":"甲"}')];
    assert.deepEqual(planBatch([impostor], bare, new Map()).outcomes, [{ status: 'updated', keyNo: KEY_A }]);
    assert.deepEqual(planBatch([planned('{"name":"丙"}', { explicitKeyNo: KEY_A, uscc: 'U1', regNo: 'R1' })], existing, new Map()).outcomes, [{ status: 'updated', keyNo: KEY_A }]);
  });

  it('collects the identities to load, without repeats', () => {
    const keys = identityKeysOf([planned('{}', { explicitKeyNo: KEY_B, uscc: 'U', regNo: 'R' }), planned('{}', { uscc: 'U' })]);
    assert.deepEqual(keys, { keyNos: [KEY_B, KEY_A], usccs: ['U'], regNos: ['R'] });
  });
});

describe('sameContent', () => {
  it('ignores key order, whitespace and keyNo, not values', () => {
    assert.equal(sameContent('{"a":1,"b":{"c":2,"d":3}}', ' { "keyNo":"x", "b": {"d":3,"c":2}, "a":1 } '), true);
    assert.equal(sameContent('{"a":[1,2]}', '{"a":[2,1]}'), false);
  });
});
