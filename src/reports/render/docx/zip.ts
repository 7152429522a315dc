import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal ZIP writer (stored or deflated entries, no ZIP64) over node's native zlib. The docx
 * package zips with a JavaScript deflate; for a report-sized package native deflate is several
 * times faster, and parts that never change can be compressed once and reused.
 */

export interface ZipEntry {
  path: string;
  /** Uncompressed size and CRC-32 of the original bytes. */
  size: number;
  crc: number;
  /** Deflated (method 8) or stored (method 0) bytes. */
  method: 0 | 8;
  body: Uint8Array;
}

/** Compresses one part; small or already-compressed parts (PNG) are stored as they are. */
export function zipEntry(path: string, data: Uint8Array | string, store = false): ZipEntry {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const crc = crc32(bytes);
  if (store || bytes.length < 256) return { path, size: bytes.length, crc, method: 0, body: bytes };
  return { path, size: bytes.length, crc, method: 8, body: deflateRawSync(bytes, { level: 6 }) };
}

/** Writes the archive. Entry order is kept ([Content_Types].xml should come first). */
export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const names = entries.map((e) => Buffer.from(e.path, 'utf8'));
  let localSize = 0;
  let centralSize = 0;
  entries.forEach((e, i) => {
    localSize += 30 + names[i]!.length + e.body.length;
    centralSize += 46 + names[i]!.length;
  });
  const out = Buffer.alloc(localSize + centralSize + 22);
  // A fixed DOS timestamp (1980-01-01) keeps output deterministic; dates live in core.xml.
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1;
  let at = 0;
  const offsets: number[] = [];
  entries.forEach((e, i) => {
    offsets.push(at);
    out.writeUInt32LE(0x04034b50, at);
    out.writeUInt16LE(20, at + 4);
    out.writeUInt16LE(0x0800, at + 6); // UTF-8 names
    out.writeUInt16LE(e.method, at + 8);
    out.writeUInt16LE(dosTime, at + 10);
    out.writeUInt16LE(dosDate, at + 12);
    out.writeUInt32LE(e.crc >>> 0, at + 14);
    out.writeUInt32LE(e.body.length, at + 18);
    out.writeUInt32LE(e.size, at + 22);
    out.writeUInt16LE(names[i]!.length, at + 26);
    out.writeUInt16LE(0, at + 28);
    names[i]!.copy(out, at + 30);
    out.set(e.body, at + 30 + names[i]!.length);
    at += 30 + names[i]!.length + e.body.length;
  });
  const centralStart = at;
  entries.forEach((e, i) => {
    out.writeUInt32LE(0x02014b50, at);
    out.writeUInt16LE(20, at + 4);
    out.writeUInt16LE(20, at + 6);
    out.writeUInt16LE(0x0800, at + 8);
    out.writeUInt16LE(e.method, at + 10);
    out.writeUInt16LE(dosTime, at + 12);
    out.writeUInt16LE(dosDate, at + 14);
    out.writeUInt32LE(e.crc >>> 0, at + 16);
    out.writeUInt32LE(e.body.length, at + 20);
    out.writeUInt32LE(e.size, at + 24);
    out.writeUInt16LE(names[i]!.length, at + 28);
    out.fill(0, at + 30, at + 42); // extra, comment, disk, attributes
    out.writeUInt32LE(offsets[i]!, at + 42);
    names[i]!.copy(out, at + 46);
    at += 46 + names[i]!.length;
  });
  out.writeUInt32LE(0x06054b50, at);
  out.writeUInt16LE(0, at + 4);
  out.writeUInt16LE(0, at + 6);
  out.writeUInt16LE(entries.length, at + 8);
  out.writeUInt16LE(entries.length, at + 10);
  out.writeUInt32LE(at - centralStart, at + 12);
  out.writeUInt32LE(centralStart, at + 16);
  out.writeUInt16LE(0, at + 20);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
