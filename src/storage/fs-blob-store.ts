import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobInfo, BlobStore, ByteRange } from './blob-store.js';

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
    try {
      const [meta] = await Promise.all([fs.promises.readFile(file + '.meta.json', 'utf8'), fs.promises.access(file)]);
      return JSON.parse(meta) as BlobInfo;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  };

  return {
    async put(key, data, contentType) {
      const file = resolveKey(key);
      // Immutable: an existing file is kept as it is (a re-run of a job must not replace the bytes a
      // customer may already have downloaded).
      const existing = await readMeta(file);
      if (existing) return existing;
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const info: BlobInfo = { size: data.byteLength, etag: `"${crypto.createHash('sha256').update(data).digest('hex').slice(0, 40)}"`, contentType };
      await writeDurably(file, data);
      await writeDurably(file + '.meta.json', Buffer.from(JSON.stringify(info)));
      await syncDir(path.dirname(file));
      return info;
    },
    stat: (key) => readMeta(resolveKey(key)),
    async read(key, range?: ByteRange): Promise<Readable> {
      const file = resolveKey(key);
      await fs.promises.access(file);
      return fs.createReadStream(file, range ? { start: range.start, end: range.end } : {});
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
