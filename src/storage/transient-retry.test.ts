import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryTransient, type RetryDeps } from './transient-retry.js';

/** A fake clock: sleeping advances it, so budgets are checked without waiting. */
function fakeDeps(random = () => 1): RetryDeps & { slept: number[]; clock: { t: number } } {
  const clock = { t: 0 };
  const slept: number[] = [];
  return { clock, slept, now: () => clock.t, random, sleep: async (ms) => { slept.push(ms); clock.t += ms; } };
}

const transient = (e: unknown) => (e as { transient?: boolean }).transient === true;
const blip = () => Object.assign(new Error('ECONNREFUSED'), { transient: true });

describe('retryTransient', () => {
  it('outlasts a 10 s outage with backoff doubling up to the cap', async () => {
    const deps = fakeDeps();
    const result = await retryTransient(async () => {
      if (deps.clock.t < 10_000) throw blip();
      return 'stored';
    }, transient, { baseMs: 500, capMs: 15_000, budgetMs: 180_000 }, deps);
    assert.equal(result, 'stored');
    assert.deepEqual(deps.slept, [500, 1000, 2000, 4000, 8000]);
  });

  it('gives up with the last error once the next wait would pass the budget', async () => {
    const deps = fakeDeps();
    let tries = 0;
    await assert.rejects(retryTransient(async () => { tries++; throw blip(); }, transient, { baseMs: 500, capMs: 15_000, budgetMs: 60_000 }, deps), /ECONNREFUSED/);
    assert.ok(deps.clock.t <= 60_000, `waited ${deps.clock.t} ms`);
    assert.ok(deps.clock.t >= 45_000, `gave up early, after ${deps.clock.t} ms`);
    assert.equal(tries, deps.slept.length + 1);
  });

  it('never retries an error that is not transient', async () => {
    const deps = fakeDeps();
    let tries = 0;
    await assert.rejects(retryTransient(async () => { tries++; throw new Error('AccessDenied'); }, transient, { baseMs: 500, capMs: 15_000, budgetMs: 60_000 }, deps), /AccessDenied/);
    assert.equal(tries, 1);
  });

  it('jitters each wait within [0, the exponential step]', async () => {
    const deps = fakeDeps(() => 0.25);
    await assert.rejects(retryTransient(async () => { throw blip(); }, transient, { baseMs: 1000, capMs: 4000, budgetMs: 5000 }, deps));
    assert.deepEqual(deps.slept.slice(0, 4), [250, 500, 1000, 1000]);
  });
});
