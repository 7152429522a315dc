import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { BlobDamagedError, type BlobInfo, type BlobStore, type ByteRange } from './blob-store.js';

/**
 * Report files on the local disk (embedded default): `<root>/<key>` plus a `<key>.meta.json`
 * sidecar holding size, ETag and content type, so `stat` never re-reads the file.
 * Writes go to a temporary file, are fsynced and renamed into place (a crash leaves either the old
 * state or the complete file, never half of one); the metadata is renamed in after the data.
 */
export function fsBlobStore(root: string): BlobStore {
  fs.mkdirSync(root, { recursive: true });

  const resolveKey = (key: string): string => {
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(key) || key.split('/').some((p) => p === '..' || p === '.' || p === '') || key.endsWith('.meta.json')) {
      throw new Error(`invalid blob key "${key}"`);
    }
    return path.join(root, key);
  };

  const readMeta = async (file: string): Promise<BlobInfo | undefined> => {
    let meta: string;
    try {
      [meta] = await Promise.all([readNoFollow(file + '.meta.json'), fs.promises.access(file)]);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new BlobDamagedError(`${file}.meta.json is a symbolic link`);
      throw err;
    }
    return parseMeta(meta, file);
  };

  return {
    async put(key, data, contentType) {
      const file = resolveKey(key);
      // Immutable: an existing file is kept as it is (a re-run of a job must not replace the bytes a
      // customer may already have downloaded).
      const existing = await readMeta(file);
      if (existing) return existing;
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const info: BlobInfo = { size: data.byteLength, etag: etagOf(data), contentType };
      await writeDurably(file, data);
      await writeDurably(file + '.meta.json', Buffer.from(JSON.stringify(info)));
      await syncDir(path.dirname(file));
      return info;
    },
    stat: (key) => readMeta(resolveKey(key)),
    async read(key, range?: ByteRange, expected?: BlobInfo): Promise<Readable> {
      const file = resolveKey(key);
      let handle: fs.promises.FileHandle;
      try {
        // Never through a link: a report file is only ever a file this store renamed into place.
        handle = await fs.promises.open(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new BlobDamagedError(`${file} is a symbolic link`);
        throw err;
      }
      try {
        const st = await handle.stat();
        if (!st.isFile()) throw new BlobDamagedError(`${file} is not a regular file`);
        if (expected && st.size !== expected.size) throw new BlobDamagedError(`${file} is ${st.size} bytes, ${expected.size} recorded`);
        if (!range && expected) {
          // Whole reads are checked against the ETag (the content's hash) before a byte is sent;
          // report files are a few hundred KB, so holding one is cheap.
          const bytes = await handle.readFile();
          if (bytes.length !== expected.size || etagOf(bytes) !== expected.etag) throw new BlobDamagedError(`${file} does not match its recorded hash`);
          await handle.close();
          return Readable.from([bytes]);
        }
      } catch (err) {
        await handle.close();
        throw err;
      }
      // The stream owns the handle from here and closes it when done.
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    },
    async delete(key) {
      const file = resolveKey(key);
      await fs.promises.rm(file + '.meta.json', { force: true });
      await fs.promises.rm(file, { force: true });
    },
    async ping() {
      const probe = path.join(root, `.ping-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
      await fs.promises.writeFile(probe, 'ok');
      await fs.promises.rm(probe, { force: true });
    },
  };
}

/** The strong ETag of a file's bytes: a sha256 prefix, quoted. */
function etagOf(data: Uint8Array): string {
  return `"${crypto.createHash('sha256').update(data).digest('hex').slice(0, 40)}"`;
}

async function readNoFollow(file: string): Promise<string> {
  const handle = await fs.promises.open(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** The sidecar's description, or BlobDamagedError when it is not one this store wrote. */
function parseMeta(text: string, file: string): BlobInfo {
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch {
    throw new BlobDamagedError(`${file}.meta.json is not JSON`);
  }
  const m = meta as Partial<Record<keyof BlobInfo, unknown>> | null;
  if (!m || typeof m !== 'object' || !Number.isSafeInteger(m.size) || (m.size as number) < 0 || typeof m.etag !== 'string' || !/^"[0-9a-f]{40}"$/.test(m.etag) || typeof m.contentType !== 'string') {
    throw new BlobDamagedError(`${file}.meta.json does not describe a report file`);
  }
  return { size: m.size as number, etag: m.etag, contentType: m.contentType };
}

async function writeDurably(file: string, data: Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const handle = await fs.promises.open(tmp, 'w', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, file);
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
