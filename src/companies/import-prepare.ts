/**
 * Lines → prepared documents or rejection reasons. Pure and self-contained, so the importer can
 * run it in worker threads: decoding, parsing, schema validation and hashing are most of an
 * import's CPU, while the database writes stay on the main thread.
 *
 * Lines travel as bytes, packed per chunk into one buffer that moves between threads without a
 * copy (transferred, not cloned); a document stored as written keeps pointing into that buffer, so
 * its 3–4 KB of text never becomes a string on the writing thread, which binds the bytes directly.
 */
import { decodeLine } from './line-reader.js';
import { checkCompanyDocument } from './document-check.js';
import { prepareDocument, type PreparedDocument } from './store.js';

/** A line's place in its chunk's bytes, or the reason the reader already refused it (too long). */
export type ChunkLine = { lineNo: number; start: number; end: number } | { lineNo: number; refused: string };

/** A chunk of lines: nothing else uses `bytes.buffer`, so that it can be transferred. */
export interface LineChunk {
  bytes: Uint8Array<ArrayBuffer>;
  lines: ChunkLine[];
}

export type PreparedLine =
  | { lineNo: number; ok: true; prepared: PreparedDocument; warnings: string[]; bomStripped?: true }
  | { lineNo: number; ok: false; reason: string }
  | { lineNo: number; ok: 'blank' };

export function prepareChunk(chunk: LineChunk, lenientUscc: boolean): PreparedLine[] {
  return chunk.lines.map((line) => {
    if ('refused' in line) return { lineNo: line.lineNo, ok: false, reason: line.refused };
    let bytes = chunk.bytes.subarray(line.start, line.end);
    // A byte-order mark (Windows tools write one) is not part of the document: the decoder would
    // hide it from the parser while the stored bytes kept it, and nothing could parse them back.
    const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    if (bom) bytes = bytes.subarray(3);
    const text = decodeLine(bytes);
    if (text === undefined) return { lineNo: line.lineNo, ok: false, reason: 'line is not valid UTF-8' };
    const prepared = prepareLine(line.lineNo, text, bytes, lenientUscc);
    return bom && prepared.ok === true ? { ...prepared, bomStripped: true } : prepared;
  });
}

/** `bytes`, when given, is the UTF-8 of `text`, which a document stored as written then points into. */
export function prepareLine(lineNo: number, text: string, bytes: Uint8Array | undefined, lenientUscc: boolean): PreparedLine {
  if (text.charCodeAt(0) === 0xfeff) {
    const prepared = prepareLine(lineNo, text.slice(1), bytes && bytes.subarray(3), lenientUscc);
    return prepared.ok === true ? { ...prepared, bomStripped: true } : prepared;
  }
  // Blank lines (a trailing newline, spacing between records) are not records.
  if (text.trim() === '') return { lineNo, ok: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { lineNo, ok: false, reason: `malformed JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const checked = checkCompanyDocument(value, { lenientUscc });
  if (!checked.ok) return { lineNo, ok: false, reason: checked.reason };
  return { lineNo, ok: true, prepared: prepareDocument(checked.doc, text, bytes), warnings: checked.warnings };
}

/**
 * Packs lines into a chunk, copying each line's bytes as it arrives into a buffer of the chunk's
 * own: the reader's lines are views into the input's chunks, which the input may reuse and which
 * must not travel with them.
 */
export class ChunkBuilder {
  private buffer: Uint8Array<ArrayBuffer>;
  private lines: ChunkLine[] = [];
  private size = 0;

  constructor(private readonly initialBytes = 256 * 1024) {
    this.buffer = uninitialised(initialBytes);
  }

  get lineCount(): number {
    return this.lines.length;
  }

  get byteCount(): number {
    return this.size;
  }

  add(lineNo: number, bytes: Buffer): void {
    if (this.size + bytes.length > this.buffer.length) {
      let capacity = this.buffer.length * 2;
      while (capacity < this.size + bytes.length) capacity *= 2;
      const grown = uninitialised(capacity);
      grown.set(this.buffer.subarray(0, this.size));
      this.buffer = grown;
    }
    // Buffer#copy is a plain memcpy; Uint8Array#set from a Buffer measured ~4× slower per line.
    bytes.copy(this.buffer, this.size);
    this.lines.push({ lineNo, start: this.size, end: this.size + bytes.length });
    this.size += bytes.length;
  }

  refuse(lineNo: number, reason: string): void {
    this.lines.push({ lineNo, refused: reason });
  }

  /** The chunk so far (its buffer is the chunk's to transfer), and a fresh start. */
  take(): LineChunk {
    const chunk = { bytes: this.buffer.subarray(0, this.size), lines: this.lines };
    this.buffer = this.spare.pop() ?? uninitialised(this.initialBytes);
    this.lines = [];
    this.size = 0;
    return chunk;
  }

  /**
   * Hands back a chunk's buffer once nothing refers to it any more (its documents are written).
   * Fresh buffers cost a page fault per 4 KiB on first write, ~6 µs per line measured in this VM,
   * more than all the other work of reading a line; reused ones are already mapped.
   */
  recycle(buffer: ArrayBuffer): void {
    if (buffer.byteLength === this.initialBytes && this.spare.length < MAX_SPARE_BUFFERS) this.spare.push(new Uint8Array(buffer));
  }

  private readonly spare: Array<Uint8Array<ArrayBuffer>> = [];
}

/** Enough for every chunk in flight plus a batch's worth (2,000 lines / 64 per chunk). */
const MAX_SPARE_BUFFERS = 96;

/**
 * A buffer with an ArrayBuffer of its own and no zero-filling: every byte a line occupies is
 * written before it is read, and zero-filling a fresh 256 KiB per 64 lines was measurable.
 */
function uninitialised(bytes: number): Uint8Array<ArrayBuffer> {
  const b = Buffer.allocUnsafeSlow(bytes);
  return new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);
}
