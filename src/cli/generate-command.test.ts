import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'node:test';
import { loadConfig } from '../config.js';
import { UsageError, type CommandContext } from './command.js';
import { dataGenerateCommand, parseGenerateArguments } from './generate-command.js';

function context(argv: string[], stdout: NodeJS.WritableStream = new PassThrough()): CommandContext & { output: () => string; errors: () => string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  const stderr = new PassThrough();
  stderr.on('data', (c: Buffer) => err.push(c));
  return {
    config: loadConfig({ ZHENGXIN_DATA_DIR: os.tmpdir() }),
    argv,
    env: {},
    stdout,
    stderr,
    stdin: new PassThrough(),
    output: () => Buffer.concat(out).toString('utf8'),
    errors: () => Buffer.concat(err).toString('utf8'),
  };
}

test('parses the options, in both spellings', () => {
  assert.deepEqual(parseGenerateArguments(['--companies', '10', '--seed', 'abc']), { companies: 10, seed: 'abc', referenceDate: '2026-06-30' });
  assert.deepEqual(parseGenerateArguments(['--companies=5', '--seed=7', '--out=x.ndjson', '--reference-date=2025-12-31']), {
    companies: 5, seed: '7', out: 'x.ndjson', referenceDate: '2025-12-31',
  });
  assert.equal(parseGenerateArguments(['--companies', '1', '--seed', 's', '--out', '-']).out, undefined);
});

test('rejects missing, malformed and unknown options with a usage error naming them', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--seed', 's'], /--companies N is required/],
    [['--companies', '3'], /--seed S is required/],
    [['--companies', '-3', '--seed', 's'], /--companies must be a whole number/],
    [['--companies', '2.5', '--seed', 's'], /--companies must be a whole number/],
    [['--companies', '3', '--seed'], /--seed needs a value/],
    [['--companies', '3', '--seed', 's', '--reference-date', '30/06/2026'], /--reference-date must be a calendar date/],
    [['--companies', '3', '--seed', 's', '--reference-date', '2026-02-30'], /--reference-date must be a calendar date/],
    [['--companies', '3', '--seed', 's', '--colour'], /unknown option --colour/],
    [['3'], /unexpected argument "3"/],
  ];
  for (const [argv, message] of cases) assert.throws(() => parseGenerateArguments(argv), (err: unknown) => err instanceof UsageError && message.test(err.message), argv.join(' '));
});

test('writes the same NDJSON to stdout and to a file, one synthetic document per line', async () => {
  const ctx = context(['--companies', '25', '--seed', 'cli']);
  assert.equal(await dataGenerateCommand.run(ctx), 0);
  const lines = ctx.output().trimEnd().split('\n');
  assert.equal(lines.length, 25);
  for (const line of lines) assert.equal(JSON.parse(line).source, 'synthetic');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhengxin-generate-'));
  try {
    const file = path.join(dir, 'companies.ndjson');
    const fileCtx = context(['--companies', '25', '--seed', 'cli', '--out', file]);
    assert.equal(await dataGenerateCommand.run(fileCtx), 0);
    assert.equal(fs.readFileSync(file, 'utf8'), ctx.output());
    assert.match(fileCtx.errors(), /wrote 25 companies/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('stops quietly when the reader closes the pipe', async () => {
  let received = 0;
  const closing = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      const err = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
      callback(err);
    },
  });
  closing.on('error', () => {}); // the command sees the error through its own listener
  const ctx = context(['--companies', '5000', '--seed', 'pipe'], closing);
  assert.equal(await dataGenerateCommand.run(ctx), 0);
  assert.ok(received > 0);
});

