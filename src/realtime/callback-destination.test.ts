import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callbackDestinationProblem, type LookupAll } from './callback-destination.js';

const names: Record<string, string[]> = { 'intranet.bank.example': ['10.1.2.3'], 'mixed.bank.example': ['93.184.216.35', '192.168.1.5'], 'bank.example': ['93.184.216.34', '2606:2800:220:1::1'] };
const lookup: LookupAll = async (host) => {
  const found = names[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found;
};
const operator = { allowPrivate: false, revealAddress: true, lookup };
const customer = { allowPrivate: false, revealAddress: false, lookup };

describe('callbackDestinationProblem', () => {
  it('refuses private and loopback address literals, IPv4, IPv6 and IPv4-mapped', async () => {
    for (const url of ['http://127.0.0.1/cb', 'https://10.0.0.8:8443/x', 'http://[::1]/cb', 'http://[::ffff:192.168.0.1]/cb', 'http://169.254.169.254/latest/meta-data']) {
      assert.match((await callbackDestinationProblem(url, customer)) ?? '', /is a private or loopback address: callbacks go to public addresses only/, url);
    }
  });
  it('refuses a name resolving to any private address; only the operator is told which', async () => {
    assert.equal(await callbackDestinationProblem('https://intranet.bank.example/cb', operator), 'intranet.bank.example resolves to 10.1.2.3, a private or loopback address: callbacks go to public addresses only (ZHENGXIN_CALLBACK_ALLOW_PRIVATE=1 allows it)');
    assert.equal(await callbackDestinationProblem('https://mixed.bank.example/cb', customer), 'mixed.bank.example resolves to a private or loopback address: callbacks go to public addresses only');
  });
  it('accepts public destinations, names that do not resolve now (delivery checks again), and anything while private addresses are allowed', async () => {
    assert.equal(await callbackDestinationProblem('https://bank.example/cb', operator), undefined);
    assert.equal(await callbackDestinationProblem('https://93.184.216.34/cb', operator), undefined);
    assert.equal(await callbackDestinationProblem('https://nowhere.bank.example/cb', operator), undefined);
    assert.equal(await callbackDestinationProblem('https://stuck.bank.example/cb', { ...operator, lookup: () => new Promise<string[]>(() => {}), timeoutMs: 5 }), undefined);
    assert.equal(await callbackDestinationProblem('http://127.0.0.1/cb', { ...operator, allowPrivate: true }), undefined);
  });
});
