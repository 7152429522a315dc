import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readAhead } from './read-ahead.js';

test('reads a file whole, in order, in chunks of at most chunkBytes', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zx-ahead-')), 'in');
  const content = Buffer.from(Array.from({ length: 5000 }, (_, i) => `第${i}行\n`).join(''));
  fs.writeFileSync(file, content);
  const fd = fs.openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    for await (const c of readAhead(fd, { chunkBytes: 4096, maxChunksAhead: 2 })) {
      assert.ok(c.length <= 4096);
      chunks.push(Buffer.from(c));
    }
    assert.ok(chunks.length > 10);
    assert.ok(Buffer.concat(chunks).equals(content));
  } finally {
    fs.closeSync(fd);
  }
});

test('stopping early ends the reader thread; a read error arrives as an error with its code', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zx-ahead-')), 'in');
  fs.writeFileSync(file, Buffer.alloc(1 << 20, 'x'));
  const fd = fs.openSync(file, 'r');
  let seen = 0;
  for await (const c of readAhead(fd, { chunkBytes: 1024, maxChunksAhead: 4 })) {
    seen += c.length;
    if (seen >= 3000) break;
  }
  assert.equal(seen, 3072);
  fs.closeSync(fd);
  const dir = fs.openSync(path.dirname(file), 'r');
  await assert.rejects(async () => {
    for await (const _ of readAhead(dir)) assert.fail('a directory has no bytes to read');
  }, (err: Error & { code?: string }) => err.code === 'EISDIR');
  fs.closeSync(dir);
});

test('drains a pipe while the consumer is busy, so the writer on the other end is not held up', async () => {
  const fifo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zx-ahead-')), 'pipe');
  execFileSync('mkfifo', [fifo]);
  // The child writes 4 MiB into the pipe (64 KiB of kernel buffer) and says when its last write completed.
  const child = spawn(process.execPath, ['-e', "const fs=require('fs');const fd=fs.openSync(process.argv[1],'w');const b=Buffer.alloc(1<<20,'y');for(let i=0;i<4;i++)fs.writeSync(fd,b);fs.closeSync(fd);process.stdout.write('done')", fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
  let childDone = false;
  child.stdout.on('data', () => (childDone = true));
  const fd = await new Promise<number>((resolve, reject) => fs.open(fifo, 'r', (err, f) => (err ? reject(err) : resolve(f))));
  let total = 0;
  let first = true;
  for await (const c of readAhead(fd, { chunkBytes: 64 * 1024, maxChunksAhead: 128 })) {
    if (first) {
      first = false;
      // Busy without consuming: only the reader thread can drain the pipe now. (A generous cap,
      // not a timing assertion: without read-ahead the writer would never finish.)
      const until = Date.now() + 30_000;
      while (!childDone && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      assert.ok(childDone, 'the writer finished while the consumer was busy');
    }
    total += c.length;
  }
  fs.closeSync(fd);
  assert.equal(total, 4 << 20);
});
