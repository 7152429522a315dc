import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consumesJobs, parseServeRole, servesApi } from './roles.js';

describe('serve roles', () => {
  it('splits HTTP and job consumption between api and worker; all does both', () => {
    assert.deepEqual([servesApi('api'), consumesJobs('api')], [true, false]);
    assert.deepEqual([servesApi('worker'), consumesJobs('worker')], [false, true]);
    assert.deepEqual([servesApi('all'), consumesJobs('all')], [true, true]);
  });

  it('names the allowed roles when given another', () => {
    assert.equal(parseServeRole('worker'), 'worker');
    assert.throws(() => parseServeRole('cron'), /--role must be one of api, worker, all \(got "cron"\)/);
  });
});
