import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateAccount } from '../src/accounts/accounts.js';
import { challengeSignature } from '../src/console/challenge.js';
import { BACKENDS } from './support/databases.js';
import { startTestApi, type TestApi } from './support/server.js';

/** The customer console is held to the account's IP allow-list, like the API (inject, no browser). */
for (const backend of BACKENDS) {
  describe(`customer console and the IP allow-list (${backend.name})`, () => {
    let api: TestApi;
    before(async () => { api = await startTestApi(backend); });
    after(async () => { await api?.close(); });

    async function signIn(creds: { key: string; secretKey: string }, ip: string) {
      const post = (url: string, body: unknown) => api.app.inject({ method: 'POST', url, remoteAddress: ip, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
      const { nonce } = (await post('/console/api/customer/challenge', { key: creds.key })).json() as { nonce: string };
      return post('/console/api/customer/signin', { key: creds.key, nonce, signature: challengeSignature(creds.secretKey, creds.key, nonce) });
    }

    it('refuses a sign-in from an address outside the list, with a right signature', async () => {
      const creds = await api.account({ allowedIps: ['10.1.2.0/24'] });
      const outside = await signIn(creds, '192.0.2.7');
      assert.equal(outside.statusCode, 403);
      assert.match((outside.json() as { error: string }).error, /IP allow-list/);
      assert.equal(outside.headers['set-cookie'], undefined, 'no session opened');
      assert.equal((await signIn(creds, '10.1.2.9')).statusCode, 200);
    });

    it('shuts an open session once the list no longer holds its address', async () => {
      const creds = await api.account();
      const signedIn = await signIn(creds, '198.51.100.4');
      assert.equal(signedIn.statusCode, 200);
      const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
      const orders = () => api.app.inject({ method: 'GET', url: '/console/api/me/orders', remoteAddress: '198.51.100.4', headers: { cookie } });
      const before = await orders();
      assert.notEqual(before.statusCode, 401, 'signed in');
      assert.notEqual(before.statusCode, 403, 'allowed while the list is empty');
      await updateAccount(api.db.db, creds.key, { allowedIps: ['10.9.9.0/24'] }, api.clock.now());
      assert.equal((await orders()).statusCode, 403);
    });
  });
}
