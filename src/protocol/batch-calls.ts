/**
 * Batch ordering (issue 18 item 6; docs/realtime.md): `Report/CreateBatch` orders a report for each
 * of up to 5,000 companies and `Report/GetBatchInfo` says where each stands. Every item is one
 * CreateReport: the same checks, price and charge, in a transaction of its own, so a bad item (an
 * unknown company, a balance that ran out) is answered on its own line and costs the others nothing.
 */
import type { Kysely } from 'kysely';
import { randomHex } from '../accounts/row-ids.js';
import type { Schema } from '../db/schema.js';
import { refusalOf, refuse } from './call-pipeline.js';
import type { ResultObject } from './envelope.js';
import type { InterfaceCall, InterfaceDeclaration, InterfaceDeps, InterfaceSuccess, ParameterSpec } from './interfaces.js';
import { CREATE_REPORT, createReport } from './report-calls.js';

export const MAX_BATCH_ITEMS = 5000;
export const BATCH_NO_PATTERN = /^[0-9a-f]{32}$/;

const KEY: ParameterSpec = { name: 'key', required: true, description: 'The account key (32 lowercase hex characters).' };
const DTYPE: ParameterSpec = { name: 'dtype', description: '`json` (default) or `xml`: the envelope of the answer.', example: 'json' };

/** The companies of a batch: a JSON array in a JSON body, else comma-separated text. */
function itemsOf(call: InterfaceCall): string[] {
  const list = call.params.list('keyNos');
  const items = (list ?? (call.param('keyNos') ?? '').split(',')).map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) refuse('202', 'key_nos_missing');
  if (items.length > MAX_BATCH_ITEMS) refuse('207', 'batch_too_large');
  return items;
}

async function createBatch(call: InterfaceCall, deps: InterfaceDeps): Promise<InterfaceSuccess> {
  const items = itemsOf(call);
  const batchNo = randomHex(16);
  const createdAt = new Date(call.nowMs).toISOString();
  await deps.db.insertInto('report_batches').values({ batch_no: batchNo, account_key: call.account.key, size: items.length, created_at: createdAt }).execute();
  const rows: Array<{ batch_no: string; idx: number; key_no: string; order_no: string | null; status: string; reason: string | null }> = [];
  let ordered = 0;
  for (const [idx, item] of items.entries()) {
    // The item as a CreateReport of its own: the batch's format, type and callbackUrl, no idempotency key.
    const itemCall: InterfaceCall = {
      ...call,
      declaration: CREATE_REPORT,
      idempotencyKey: undefined,
      param: (name) => (name === 'keyNo' ? item : name === 'requestId' ? undefined : call.param(name)),
    };
    try {
      const done = await createReport(itemCall, deps);
      rows.push({ batch_no: batchNo, idx, key_no: item, order_no: done.orderNo ?? null, status: '200', reason: null });
      ordered++;
    } catch (err) {
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      rows.push({ batch_no: batchNo, idx, key_no: item, order_no: null, status: refusal.status, reason: refusal.reason });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await deps.db.insertInto('report_batch_items').values(rows.slice(i, i + 500)).execute();
  const result: ResultObject = {
    BatchNo: batchNo,
    Total: items.length,
    Ordered: ordered,
    Items: rows.map((r) => ({ KeyNo: r.key_no, OrderNo: r.order_no, Status: r.status, Reason: r.reason })),
  };
  return { status: '200', result, ...(ordered > 0 ? { created: true } : {}) };
}

async function batchInfo(call: InterfaceCall, deps: InterfaceDeps): Promise<InterfaceSuccess> {
  const batchNo = call.param('batchNo')!.trim().toLowerCase();
  if (!BATCH_NO_PATTERN.test(batchNo)) refuse('202', 'batch_no_malformed');
  const items = await batchItems(deps.db, call.account.key, batchNo);
  if (!items) return refuse('201', 'batch_not_found');
  const counts = { P: 0, S: 0, F: 0 };
  for (const i of items) if (i.reportStatus) counts[i.reportStatus as 'P' | 'S' | 'F']++;
  const result: ResultObject = {
    BatchNo: batchNo,
    Total: items.length,
    Pending: counts.P,
    Succeeded: counts.S,
    Failed: counts.F,
    Items: items.map((i) => ({ KeyNo: i.keyNo, OrderNo: i.orderNo, Status: i.status, Reason: i.reason, ReportStatus: i.reportStatus })),
  };
  return { status: '200', result };
}

/** A batch's items with their orders' states; undefined when the account has no such batch. */
export async function batchItems(db: Kysely<Schema>, accountKey: string, batchNo: string) {
  const batch = await db.selectFrom('report_batches').select('batch_no').where('batch_no', '=', batchNo).where('account_key', '=', accountKey).executeTakeFirst();
  if (!batch) return undefined;
  const rows = await db
    .selectFrom('report_batch_items as i')
    .leftJoin('orders as o', 'o.order_no', 'i.order_no')
    .select(['i.idx', 'i.key_no', 'i.order_no', 'i.status', 'i.reason', 'o.state'])
    .where('i.batch_no', '=', batchNo)
    .orderBy('i.idx')
    .execute();
  return rows.map((r) => ({ keyNo: r.key_no, orderNo: r.order_no, status: r.status, reason: r.reason, reportStatus: r.state ?? null }));
}

export const CREATE_BATCH: InterfaceDeclaration = {
  name: 'Report/CreateBatch',
  paths: ['Report/CreateBatch'],
  summary: `Order reports for up to ${MAX_BATCH_ITEMS.toLocaleString('en')} companies at once (207 beyond): each item is billed and committed like one CreateReport; answers BatchNo and each item's OrderNo or status`,
  methods: ['GET', 'POST'],
  parameters: [
    KEY,
    { name: 'keyNos', required: true, description: 'The companies: a JSON array in a JSON body, or comma-separated (query or form). Each as CreateReport\'s keyNo.', example: '上海测试科技有限公司,91310115MA1H7J3K0X' },
    { name: 'reportFormat', description: '`1` PDF (default), `2` Word: for every item.', example: '1' },
    { name: 'reportType', description: 'Our extension, as CreateReport\'s: for every item.', example: '1' },
    { name: 'callbackUrl', description: 'Our extension: each order\'s report.finished callback goes here.' },
    DTYPE,
  ],
  // Each item is charged as a CreateReport (its price, its ledger row); the batch itself is free.
  billing: { per: 'free' },
  envelope: { kind: 'report' },
  successMessage: '批量下单完成',
  placesOrders: true,
  resultSchema: {
    type: 'object',
    properties: {
      BatchNo: { type: 'string' }, Total: { type: 'integer' }, Ordered: { type: 'integer' },
      Items: { type: 'array', items: { type: 'object', properties: { KeyNo: { type: 'string' }, OrderNo: { type: ['string', 'null'] }, Status: { type: 'string' }, Reason: { type: ['string', 'null'] } } } },
    },
  },
  handle: createBatch,
};

export const GET_BATCH_INFO: InterfaceDeclaration = {
  name: 'Report/GetBatchInfo',
  paths: ['Report/GetBatchInfo'],
  summary: 'Where each item of a batch stands: its OrderNo and ReportStatus (P, S, F), or the status it was refused with',
  parameters: [KEY, { name: 'batchNo', required: true, description: 'The BatchNo CreateBatch answered.' }, DTYPE],
  billing: { per: 'free' },
  envelope: { kind: 'report' },
  successMessage: '查询成功',
  handle: batchInfo,
};

export const BATCH_INTERFACES: readonly InterfaceDeclaration[] = [CREATE_BATCH, GET_BATCH_INFO];
