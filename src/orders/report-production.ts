import type { Kysely } from 'kysely';
import { findCompanyByKeyNo } from '../companies/store.js';
import type { Schema } from '../db/schema.js';
import type { ReportRenderer } from '../reports/render-service.js';
import { sourceCompanyOf } from '../reports/report-source.js';
import { CompanyGoneError } from './fail-reasons.js';
import type { ReportProducer } from './ports.js';

/**
 * snapshot → model → render for one order. The snapshot is taken when the job runs (the report
 * shows the data as of its generation); the report number derives from the order number, so a
 * re-run produces the same number. This thread only reads the rows: the document travels as its
 * stored text, and the renderer (a render thread, in a server) parses it and builds the model.
 */
export function reportProducer(deps: { db: Kysely<Schema>; renderer: ReportRenderer }): ReportProducer {
  return {
    async produce(order, generatedAtMs) {
      const stored = await findCompanyByKeyNo(deps.db, order.keyNo);
      if (!stored) throw new CompanyGoneError(`company ${order.keyNo} of order ${order.orderNo} is no longer in the store`);
      const account = await deps.db.selectFrom('accounts').select('name').where('key', '=', order.accountKey).executeTakeFirst();
      return deps.renderer.renderSource({
        company: sourceCompanyOf(stored),
        orderNo: order.orderNo,
        customerName: account?.name ?? '',
        generatedAt: new Date(generatedAtMs).toISOString(),
        format: order.format === 'word' ? 'docx' : 'pdf',
      });
    },
  };
}
