import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { CONTENT_TYPES, noteDamagedReport, type Order } from '../orders/orders.js';
import { reportFileNames } from '../orders/retrieve-route.js';
import { contentDisposition } from '../protocol/http-range.js';
import { BlobDamagedError, type BlobStore } from '../storage/blob-store.js';

/**
 * An order's report file for the console (the operator's, or the customer's own): the same checks
 * as retrieve (the size the job recorded, a damaged file never served and noted for rendering
 * again), without ranges. Answers 404 when there is no file to give.
 */
export async function sendReportFile(reply: FastifyReply, deps: { db: Kysely<Schema>; blobStore: BlobStore; nowMs: number }, order: Order): Promise<FastifyReply> {
  const gone = (why: string) => reply.code(404).send({ error: why });
  if (order.state !== 'S' || !order.blobKey) return gone('this order has no report file (it is not finished successfully)');
  if (order.expiresAt !== null && order.expiresAt <= new Date(deps.nowMs).toISOString()) return gone('the report file has expired');
  const blobKey = order.blobKey;
  try {
    const info = await deps.blobStore.stat(blobKey);
    if (!info) return gone('the report file is gone from storage');
    if (order.fileSize !== null && info.size !== order.fileSize) throw new BlobDamagedError(`described as ${info.size} bytes, the order recorded ${order.fileSize}`);
    const body = await deps.blobStore.read(blobKey, undefined, info);
    const names = reportFileNames(order);
    return reply
      .header('Content-Type', CONTENT_TYPES[order.format])
      .header('Content-Disposition', contentDisposition(names.utf8, names.ascii))
      .header('Content-Length', String(info.size))
      .header('Cache-Control', 'private, no-store')
      .send(body);
  } catch (err) {
    reply.request.log.error({ err, orderNo: order.orderNo }, 'console download: report file not servable');
    if (err instanceof BlobDamagedError) await noteDamagedReport(deps.db, order.orderNo, err.message, deps.nowMs).catch(() => undefined);
    return reply.code(500).send({ error: 'the report file could not be read; it is noted for rendering again' });
  }
}
