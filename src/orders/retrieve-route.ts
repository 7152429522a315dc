import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../accounts/audit.js';
import type { Schema } from '../db/schema.js';
import type { Clock } from '../ops/clock.js';
import type { Metrics } from '../ops/metrics.js';
import { errorEnvelope, renderJson, JSON_CONTENT_TYPE } from '../protocol/envelope.js';
import { contentDisposition, decideRange } from '../protocol/http-range.js';
import { beijingDateCompact } from '../reports/model/format.js';
import { BlobDamagedError, type BlobInfo, type BlobStore } from '../storage/blob-store.js';
import { REPORT_TYPE_SLUGS, REPORT_TYPE_TITLES } from '../reports/types/index.js';
import { CONTENT_TYPES, FILE_EXTENSIONS, findOrderByRetrieveCode, noteDamagedReport, type Order } from './orders.js';
import type { Readable } from 'node:stream';

export const RETRIEVE_PATH = '/api/rpt/retrieve';
/** The vendor document's own example URL form, served the same. */
export const RETRIEVE_ALIAS_PATH = '/rpt/retrieve';
const RETRIEVE_CODE = /^[0-9a-f]{32}$/;

/**
 * The report's file name: the company and the report date, e.g. `某某有限公司_企业信用报告_2026-11-30.pdf`.
 * The date is Beijing's calendar date, as printed in the report (an order finished at 01:00 Beijing
 * time carries that day, not the previous UTC day).
 */
export function reportFileNames(order: Order): { utf8: string; ascii: string } {
  const ext = FILE_EXTENSIONS[order.format];
  const date = beijingDateCompact(order.finishedAt ?? order.createdAt).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
  // File names must not carry path separators or control characters.
  // eslint-disable-next-line no-control-regex
  const company = order.companyName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  const title = REPORT_TYPE_TITLES[order.reportType] ?? REPORT_TYPE_TITLES[1];
  const slug = order.reportType === 1 ? 'credit' : REPORT_TYPE_SLUGS[order.reportType];
  return { utf8: `${company}_${title}_${date}.${ext}`, ascii: `${slug}-report-${order.orderNo}.${ext}` };
}

/**
 * GET/HEAD `/api/rpt/retrieve?code=…`: the file with Content-Disposition, ETag (304 on a match),
 * a single byte Range (206, or 416 when unsatisfiable). The code is the credential, so unknown and
 * expired codes answer 404/410 with the JSON envelope 201 and nothing else.
 */
export function registerRetrieveRoute(app: FastifyInstance, deps: { db: Kysely<Schema>; blobStore: BlobStore; clock: Clock; metrics: Metrics; audit?: AuditLog }): void {
  // What the audit line of each download needs, noted while the request is handled.
  const seen = new WeakMap<FastifyRequest, { order?: Order; reason?: string; status?: string }>();
  const notFound = (reply: FastifyReply, http: 404 | 410, reason: string) => {
    seen.set(reply.request, { ...seen.get(reply.request), reason });
    deps.metrics.requests.inc({ endpoint: 'retrieve', status: '201' });
    return reply.code(http).header('Content-Type', JSON_CONTENT_TYPE).header('X-Error-Reason', reason).send(renderJson(errorEnvelope('201')));
  };

  for (const url of [RETRIEVE_PATH, RETRIEVE_ALIAS_PATH]) app.route({
    method: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
    url,
    onResponse: async (request, reply) => {
      const noted = seen.get(request);
      deps.audit?.record({
        requestId: request.id,
        at: new Date(deps.clock.now()).toISOString(),
        accountKey: noted?.order?.accountKey ?? null,
        interface: 'retrieve',
        method: request.method,
        status: noted?.status ?? String(reply.statusCode),
        reason: noted?.reason ?? null,
        ip: request.ip,
        orderNo: noted?.order?.orderNo ?? null,
      });
    },
    handler: async (request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        seen.set(request, { reason: 'method_not_allowed', status: '118' });
        deps.metrics.requests.inc({ endpoint: 'retrieve', status: '118' });
        return reply.code(200).header('Content-Type', JSON_CONTENT_TYPE).header('X-Error-Reason', 'method_not_allowed').header('Allow', 'GET, HEAD').send(renderJson(errorEnvelope('118')));
      }
      const code = String((request.query as Record<string, unknown>).code ?? '').trim().toLowerCase();
      if (!RETRIEVE_CODE.test(code)) return notFound(reply, 404, 'code_unknown');
      const order = await findOrderByRetrieveCode(deps.db, code);
      if (order) seen.set(request, { order });
      if (!order || order.state !== 'S') return notFound(reply, 404, 'code_unknown');
      if (!order.blobKey || (order.expiresAt !== null && order.expiresAt <= new Date(deps.clock.now()).toISOString())) return notFound(reply, 410, 'code_expired');
      const blobKey = order.blobKey;
      /**
       * A file that cannot be served as described is never answered 200: HTTP 500 with the 203
       * envelope (the contract's "storage unavailable"), the cause in the log under the request id,
       * and a damaged file noted for rendering again (report_repairs).
       */
      const unservable = async (err: unknown) => {
        const damaged = err instanceof BlobDamagedError;
        const reason = damaged ? 'report_file_damaged' : 'report_file_unreadable';
        seen.set(request, { order, reason });
        request.log.error({ err, orderNo: order.orderNo, blobKey }, damaged ? 'report file damaged: not served, noted for rendering again' : 'report file unreadable');
        if (damaged) {
          await noteDamagedReport(deps.db, order.orderNo, err.message, deps.clock.now()).catch((noteErr: unknown) =>
            request.log.error({ err: noteErr, orderNo: order.orderNo }, 'could not note the damaged report file'));
        }
        deps.metrics.requests.inc({ endpoint: 'retrieve', status: '203' });
        reply.removeHeader('Content-Disposition').removeHeader('ETag').removeHeader('Accept-Ranges').removeHeader('Expires').removeHeader('Content-Range');
        return reply.code(500).header('Content-Type', JSON_CONTENT_TYPE).header('X-Error-Reason', reason).header('Cache-Control', 'no-store').send(renderJson(errorEnvelope('203')));
      };
      let info: BlobInfo | undefined;
      try {
        info = await deps.blobStore.stat(blobKey);
        // The order row keeps the size the job wrote, independently of the store's own description.
        if (info && order.fileSize !== null && info.size !== order.fileSize) throw new BlobDamagedError(`described as ${info.size} bytes, the order recorded ${order.fileSize}`);
      } catch (err) {
        return unservable(err);
      }
      if (!info) return notFound(reply, 410, 'file_gone');
      const open = async (range?: { start: number; end: number }): Promise<Readable | undefined> => {
        try {
          return await deps.blobStore.read(blobKey, range, info);
        } catch (err) {
          await unservable(err);
          return undefined;
        }
      };

      const names = reportFileNames(order);
      reply
        .header('Content-Type', CONTENT_TYPES[order.format])
        .header('Content-Disposition', contentDisposition(names.utf8, names.ascii))
        .header('ETag', info.etag)
        .header('Accept-Ranges', 'bytes')
        .header('Cache-Control', 'private, max-age=0, must-revalidate');
      if (order.expiresAt) reply.header('Expires', new Date(order.expiresAt).toUTCString());

      const ifNoneMatch = request.headers['if-none-match'];
      if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === info.etag || t.trim() === '*')) {
        deps.metrics.requests.inc({ endpoint: 'retrieve', status: '304' });
        return reply.code(304).send();
      }
      const ifRange = request.headers['if-range'];
      const decision = ifRange && ifRange !== info.etag ? { kind: 'full' as const } : decideRange(request.headers.range, info.size);
      if (decision.kind === 'unsatisfiable') {
        deps.metrics.requests.inc({ endpoint: 'retrieve', status: '416' });
        return reply.code(416).header('Content-Range', `bytes */${info.size}`).header('Content-Type', JSON_CONTENT_TYPE).send('');
      }
      // The file is opened (and checked against its description) before any status is chosen.
      const body = await open(decision.kind === 'partial' ? decision.range : undefined);
      if (!body) return reply;
      deps.metrics.requests.inc({ endpoint: 'retrieve', status: '200' });
      if (request.method === 'HEAD') body.destroy();
      if (decision.kind === 'partial') {
        const { start, end } = decision.range;
        reply.code(206).header('Content-Range', `bytes ${start}-${end}/${info.size}`).header('Content-Length', String(end - start + 1));
        return request.method === 'HEAD' ? reply.send() : reply.send(body);
      }
      reply.code(200).header('Content-Length', String(info.size));
      return request.method === 'HEAD' ? reply.send() : reply.send(body);
    },
  });
}
