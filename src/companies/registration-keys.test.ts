import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseAddress, normaliseEmails, normalisePhones, REGISTRATION_KEY_KINDS, registrationKeysOf } from './registration-keys.js';

describe('normaliseAddress', () => {
  it('folds full-width and half-width forms, spaces and punctuation', () => {
    const a = normaliseAddress('上海市浦东新区 张江路８８号（创业园）Ａ座');
    assert.equal(a, '上海市浦东新区张江路88号创业园a座');
    assert.equal(normaliseAddress('上海市浦东新区张江路88号(创业园)A座'), a);
    assert.equal(normaliseAddress('上海市浦东新区张江路 88 号，创业园 a 座'), a);
  });

  it('reads 號 and # as 号, and 房 / 房间 / 号房 as 室', () => {
    const a = normaliseAddress('上海市黄浦区中山路88号301室');
    assert.equal(a, '上海市黄浦区中山路88号301室');
    assert.equal(normaliseAddress('上海市黄浦区中山路88號301室'), a);
    assert.equal(normaliseAddress('上海市黄浦区中山路88#301室'), a);
    assert.equal(normaliseAddress('上海市黄浦区中山路88号301房'), a);
    assert.equal(normaliseAddress('上海市黄浦区中山路88号301房间'), a);
    assert.equal(normaliseAddress('上海市黄浦区中山路88号301号房'), a);
  });

  it('keeps different rooms apart and refuses values too short to be a place', () => {
    assert.notEqual(normaliseAddress('上海市黄浦区中山路88号301室'), normaliseAddress('上海市黄浦区中山路88号302室'));
    assert.equal(normaliseAddress('上海'), null);
    assert.equal(normaliseAddress(' ，， '), null);
    assert.equal(normaliseAddress(undefined), null);
  });
});

describe('normalisePhones', () => {
  it('keeps digits only, drops the country code and an extension, and splits several numbers', () => {
    assert.deepEqual(normalisePhones('+86 (021) 5555-0101'), ['02155550101']);
    assert.deepEqual(normalisePhones('0086-021-55550101'), ['02155550101']);
    assert.deepEqual(normalisePhones('021-55550101 转 803'), ['02155550101']);
    assert.deepEqual(normalisePhones('１３８ ０００ ０００００'), ['13800000000']);
    assert.deepEqual(normalisePhones('021-55550101；13800000000'), ['02155550101', '13800000000']);
  });

  it('ignores what cannot be a phone number', () => {
    assert.deepEqual(normalisePhones('无'), []);
    assert.deepEqual(normalisePhones('12345'), []);
    assert.deepEqual(normalisePhones(undefined), []);
  });
});

describe('normaliseEmails', () => {
  it('lower-cases, folds full-width forms and splits several addresses', () => {
    assert.deepEqual(normaliseEmails(' Agent@Example.COM '), ['agent@example.com']);
    assert.deepEqual(normaliseEmails('ａｇｅｎｔ＠ｅｘａｍｐｌｅ．ｃｏｍ'), ['agent@example.com']);
    assert.deepEqual(normaliseEmails('a@example.com; B@example.com、a@EXAMPLE.com'), ['a@example.com', 'b@example.com']);
    assert.deepEqual(normaliseEmails('not an address'), []);
  });
});

describe('registrationKeysOf', () => {
  it('gives each kind of key once, in kind order, nothing for absent values, and no legal representative key (retired, migration 0115)', () => {
    const source = { address: '上海市浦东新区张江路88号', contact: { phone: '021-55550101', email: 'A@example.com' }, legalRep: '张伟', divisionCode: '310115' };
    const keys = registrationKeysOf(source);
    assert.deepEqual(keys, [
      { kind: REGISTRATION_KEY_KINDS.address, value: '上海市浦东新区张江路88号' },
      { kind: REGISTRATION_KEY_KINDS.phone, value: '02155550101' },
      { kind: REGISTRATION_KEY_KINDS.email, value: 'a@example.com' },
    ]);
    assert.deepEqual(registrationKeysOf({}), []);
  });
});
