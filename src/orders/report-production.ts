import type { Kysely } from 'kysely';
import { findCompanyByKeyNo } from '../companies/store.js';
import type { Schema } from '../db/schema.js';
import { buildReportModel } from '../reports/model/build.js';
import type { ReportRenderer } from '../reports/render-service.js';
import { takeSnapshot } from '../reports/snapshot.js';
import type { ReportProducer } from './ports.js';

/**
 * snapshot → model → render for one order. The snapshot is taken when the job runs (the report
 * shows the data as of its generation); the report number derives from the order number, so a
 * re-run produces the same number.
 */
export function reportProducer(deps: { db: Kysely<Schema>; renderer: ReportRenderer }): ReportProducer {
  return {
    async produce(order, generatedAtMs) {
      const stored = await findCompanyByKeyNo(deps.db, order.keyNo);
      if (!stored) throw new Error(`company ${order.keyNo} of order ${order.orderNo} is no longer in the store`);
      const account = await deps.db.selectFrom('accounts').select('name').where('key', '=', order.accountKey).executeTakeFirst();
      const generatedAt = new Date(generatedAtMs);
      const snapshot = takeSnapshot(stored, () => generatedAt);
      const model = buildReportModel(snapshot, { orderNo: order.orderNo, customerName: account?.name ?? '', generatedAt: generatedAt.toISOString() });
      return deps.renderer.render({ model, format: order.format === 'word' ? 'docx' : 'pdf' });
    },
  };
}
