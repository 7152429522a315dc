import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeLine, readLines } from './line-reader.js';

type Seen = { lineNo: number; kind: 'text'; text: string } | { lineNo: number; kind: 'invalid_utf8' } | { lineNo: number; kind: 'too_long'; bytes: number };

/** The lines as the importer's preparer sees them once decoded. */
async function collect(chunks: Array<Buffer | string>, max = 100): Promise<Seen[]> {
  const out: Seen[] = [];
  for await (const l of readLines(chunks, max)) {
    if (l.kind === 'too_long') out.push(l);
    else {
      const text = decodeLine(l.bytes);
      out.push(text === undefined ? { lineNo: l.lineNo, kind: 'invalid_utf8' } : { lineNo: l.lineNo, kind: 'text', text });
    }
  }
  return out;
}

describe('readLines', () => {
  it('splits across chunk boundaries, strips CR, keeps the last unterminated line', async () => {
    const lines = await collect(['ab', 'c\r\nde', 'f\n\n', '最后']);
    assert.deepEqual(lines, [
      { lineNo: 1, kind: 'text', text: 'abc' },
      { lineNo: 2, kind: 'text', text: 'def' },
      { lineNo: 3, kind: 'text', text: '' },
      { lineNo: 4, kind: 'text', text: '最后' },
    ]);
  });

  it('reports an over-long line with its size and goes on with the next', async () => {
    const long = 'x'.repeat(250);
    const lines = await collect([long.slice(0, 120), long.slice(120) + '\nok\n' + 'y'.repeat(101)], 100);
    assert.deepEqual(lines, [
      { lineNo: 1, kind: 'too_long', bytes: 250 },
      { lineNo: 2, kind: 'text', text: 'ok' },
      { lineNo: 3, kind: 'too_long', bytes: 101 },
    ]);
  });

  it('rejects invalid UTF-8 per line, including a character split across chunks correctly joined', async () => {
    const han = Buffer.from('汉', 'utf8');
    const lines = await collect([Buffer.concat([Buffer.from('a'), han.subarray(0, 1)]), Buffer.concat([han.subarray(1), Buffer.from('\n\xff\n', 'latin1'), Buffer.from('b\n')])]);
    assert.deepEqual(lines, [
      { lineNo: 1, kind: 'text', text: 'a汉' },
      { lineNo: 2, kind: 'invalid_utf8' },
      { lineNo: 3, kind: 'text', text: 'b' },
    ]);
  });
});
