import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { lowerThreadPriority, type ThreadPrioritySystem } from './thread-priority.js';

function fakeSystem(overrides: Partial<ThreadPrioritySystem> = {}): ThreadPrioritySystem & { calls: Array<[number, number]> } {
  const calls: Array<[number, number]> = [];
  return { platform: 'linux', readThreadSelf: () => '4242/task/4250', setPriority: (tid, n) => { calls.push([tid, n]); }, calls, ...overrides };
}

describe('lowerThreadPriority', () => {
  it('sets the nice value of the calling thread, found through /proc/thread-self', () => {
    const system = fakeSystem();
    assert.deepEqual(lowerThreadPriority(10, system), { applied: true, tid: 4250 });
    assert.deepEqual(system.calls, [[4250, 10]]);
  });

  it('is a no-op that says why for niceness 0, other platforms, no /proc and a refusal', () => {
    assert.equal(lowerThreadPriority(0, fakeSystem()).applied, false);
    assert.match(String((lowerThreadPriority(10, fakeSystem({ platform: 'darwin' })) as { reason: string }).reason), /only set on Linux/);
    assert.match(String((lowerThreadPriority(10, fakeSystem({ readThreadSelf: () => { throw new Error('ENOENT'); } })) as { reason: string }).reason), /ENOENT/);
    assert.match(String((lowerThreadPriority(10, fakeSystem({ readThreadSelf: () => 'self' })) as { reason: string }).reason), /unexpected/);
    assert.match(String((lowerThreadPriority(10, fakeSystem({ setPriority: () => { throw new Error('EACCES'); } })) as { reason: string }).reason), /EACCES/);
  });

  it('refuses a niceness outside 0–19', () => {
    assert.throws(() => lowerThreadPriority(20, fakeSystem()), /0–19/);
    assert.throws(() => lowerThreadPriority(-1, fakeSystem()), /0–19/);
  });

  it('on Linux, lowers a real worker thread and leaves the main thread alone', { skip: process.platform !== 'linux' }, async () => {
    const moduleUrl = new URL('./thread-priority.js', import.meta.url).href;
    const worker = new Worker(`import(${JSON.stringify(moduleUrl)}).then((m) => { const r = m.lowerThreadPriority(7); require('node:worker_threads').parentPort.postMessage(r); setInterval(() => {}, 1000); });`, { eval: true });
    const outcome = await new Promise<{ applied: boolean; tid?: number }>((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
    try {
      assert.equal(outcome.applied, true);
      assert.notEqual(outcome.tid, process.pid);
      assert.equal(os.getPriority(outcome.tid), 7);
    } finally {
      await worker.terminate();
    }
    assert.equal(os.getPriority(process.pid), os.getPriority());
  });
});
