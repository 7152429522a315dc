/**
 * The monitoring interfaces (风险监控, issue 18 item 3; docs/realtime.md): an account's watch list
 * and its companies' change events, declared once for the interface registry, so signing, the
 * check order, permission, price, quotas, audit and metrics are the registry's.
 *
 * Billing: `Monitor/Add` is charged per company added (default 1 unit; adding a company already
 * watched answers 200 uncharged), in the same transaction as the watch; List, Remove and Events are
 * free. The watch list is limited per account (ZHENGXIN_WATCH_LIMIT, default 10,000): an add
 * beyond it answers 209.
 */
import { chargeCallIn } from '../accounts/call-charges.js';
import { resolveCompany } from '../companies/resolver.js';
import { companyLookup } from '../companies/store.js';
import { isKeyNo } from '../companies/key-no.js';
import { FEED_PAGE_MAX } from '../realtime/feed.js';
import { addWatch, DEFAULT_WATCH_LIMIT, listWatches, removeWatch, watchedEvents } from '../realtime/watches.js';
import { checkBalance } from './call-billing.js';
import { refuse } from './call-pipeline.js';
import type { Paging, ResultObject, ResultValue } from './envelope.js';
import type { InterfaceCall, InterfaceDeclaration, InterfaceDeps, InterfaceSuccess, ParameterSpec } from './interfaces.js';

const KEY: ParameterSpec = { name: 'key', required: true, description: 'The account key (32 lowercase hex characters).' };
const DTYPE: ParameterSpec = { name: 'dtype', description: '`json` (default) or `xml`: the envelope of the answer.', example: 'json' };
const COMPANY: ParameterSpec = {
  name: 'keyNo',
  aliases: ['searchKey', 'keyword'],
  required: true,
  description: 'Company name (current or former), unified social credit code, registration number or KeyNo.',
  example: '上海测试科技有限公司',
};
const PAGE_INDEX: ParameterSpec = { name: 'pageIndex', description: 'Page number, from 1 (default 1).', example: '1' };
const PAGE_SIZE: ParameterSpec = { name: 'pageSize', description: 'Entries per page, 1–100 (default 20).', example: '20' };
const ENVELOPE = { kind: 'data', orderNumberPrefix: 'MONITOR', paged: false } as const;
const PAGED = { kind: 'data', orderNumberPrefix: 'MONITOR', paged: true } as const;
const MAX_LIST_PAGE = 100;

function whole(call: InterfaceCall, name: string, fallback: number, max: number, reason: string): number {
  const raw = call.param(name)?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^[0-9]{1,15}$/.test(raw)) refuse('202', reason);
  return Math.min(Number(raw), max);
}

/** The company a call names: resolved like CreateReport's keyNo (202/208/213/215 as there; 201 when not stored). */
async function companyOf(call: InterfaceCall, deps: InterfaceDeps): Promise<{ keyNo: string; name: string }> {
  const resolved = await resolveCompany(call.param('keyNo')!, companyLookup(deps.db), { includeUncovered: true });
  if (!resolved.ok) return refuse(resolved.status, resolved.reason);
  return { keyNo: resolved.company.keyNo, name: resolved.company.name };
}

async function add(call: InterfaceCall, deps: InterfaceDeps): Promise<InterfaceSuccess> {
  const { account } = call;
  const price = checkBalance(call);
  const company = await companyOf(call, deps);
  const added = await addWatch(
    deps.db,
    { accountKey: account.key, keyNo: company.keyNo, limit: deps.watchLimit ?? DEFAULT_WATCH_LIMIT, nowMs: call.nowMs },
    (trx) => chargeCallIn(trx, { accountKey: account.key, interfaceName: call.declaration.name, price, reference: call.orderNumber ?? call.requestId, nowMs: call.nowMs }),
  );
  if (!added.ok) return refuse(added.status, added.status === '209' ? 'watch_list_full' : added.reason);
  return { status: '200', result: { KeyNo: company.keyNo, Name: company.name, AddedAt: added.addedAt, Added: added.added } };
}

async function remove(call: InterfaceCall, deps: InterfaceDeps): Promise<InterfaceSuccess> {
  const given = call.param('keyNo')!.trim();
  // A KeyNo removes even a company no longer in the store; anything else is resolved first.
  const keyNo = isKeyNo(given) ? given : (await companyOf(call, deps)).keyNo;
  if (!(await removeWatch(deps.db, call.account.key, keyNo))) return refuse('201', 'not_watched');
  return { status: '200', result: { KeyNo: keyNo, Removed: true } };
}

async function list(call: InterfaceCall, deps: InterfaceDeps): Promise<InterfaceSuccess> {
  const index = whole(call, 'pageIndex', 1, Number.MAX_SAFE_INTEGER, 'page_index_invalid');
  const size = whole(call, 'pageSize', 20, MAX_LIST_PAGE, 'page_size_invalid');
  if (index < 1) refuse('202', 'page_index_invalid');
  if (size < 1) refuse('202', 'page_size_invalid');
  const { watches, total } = await listWatches(deps.db, call.account.key, (index - 1) * size, size);
  if (total === 0) return refuse('201', 'watch_list_empty');
  const paging: Paging = { PageSize: size, PageIndex: index, TotalRecords: total };
  return { status: '200', result: watches.map((w) => ({ KeyNo: w.keyNo, Name: w.name, AddedAt: w.addedAt })), paging };
}

async function events(call: InterfaceCall, deps: InterfaceDeps): Promise<InterfaceSuccess> {
  const after = whole(call, 'after', 0, Number.MAX_SAFE_INTEGER, 'after_invalid');
  const size = whole(call, 'pageSize', 100, FEED_PAGE_MAX, 'page_size_invalid');
  if (size < 1) refuse('202', 'page_size_invalid');
  const { events: found, remaining } = await watchedEvents(deps.db, call.account.key, after, size);
  const next = found.length > 0 ? found[found.length - 1]!.id : after;
  const paging: Paging = { PageSize: size, PageIndex: 1, TotalRecords: remaining };
  // An empty page is a success: "nothing new since `after`" is an answer, not an absence of data.
  const result: ResultObject = {
    Next: String(next),
    Events: found.map((e) => ({ EventId: String(e.id), Type: e.type, KeyNo: e.keyNo, At: e.at, Data: e.data as ResultValue })),
  };
  return { status: '200', result, paging };
}

export const MONITOR_ADD: InterfaceDeclaration = {
  name: 'Monitor/Add',
  paths: ['Monitor/Add'],
  summary: 'Watch a company: its changes appear in Monitor/Events and go to the account\'s callback URL (charged per company added; 209 beyond the watch-list limit)',
  parameters: [KEY, COMPANY, DTYPE],
  billing: { per: 'call', defaultPrice: 1 },
  envelope: ENVELOPE,
  successMessage: '【有效请求】查询成功',
  resultSchema: { type: 'object', properties: { KeyNo: { type: 'string' }, Name: { type: 'string' }, AddedAt: { type: 'string' }, Added: { type: 'boolean', description: 'false: it was already watched (not charged)' } } },
  handle: add,
};

export const MONITOR_REMOVE: InterfaceDeclaration = {
  name: 'Monitor/Remove',
  paths: ['Monitor/Remove'],
  summary: 'Stop watching a company (201 when it was not watched)',
  parameters: [KEY, COMPANY, DTYPE],
  billing: { per: 'free' },
  envelope: ENVELOPE,
  successMessage: '【有效请求】查询成功',
  resultSchema: { type: 'object', properties: { KeyNo: { type: 'string' }, Removed: { type: 'boolean' } } },
  handle: remove,
};

export const MONITOR_LIST: InterfaceDeclaration = {
  name: 'Monitor/List',
  paths: ['Monitor/List'],
  summary: 'The account\'s watched companies, oldest first (paged; 201 when none)',
  parameters: [KEY, PAGE_INDEX, PAGE_SIZE, DTYPE],
  billing: { per: 'free' },
  envelope: PAGED,
  successMessage: '【有效请求】查询成功',
  resultSchema: { type: 'array', items: { type: 'object', properties: { KeyNo: { type: 'string' }, Name: { type: 'string' }, AddedAt: { type: 'string' } } } },
  handle: list,
};

export const MONITOR_EVENTS: InterfaceDeclaration = {
  name: 'Monitor/Events',
  paths: ['Monitor/Events'],
  summary: 'Change events of the watched companies after a cursor (company.updated, record.added, grade.changed, status.changed); read on from Result.Next',
  parameters: [
    KEY,
    { name: 'after', description: 'The cursor: Result.Next of the previous page (absent or 0: from when each company was added).', example: '0' },
    { name: 'pageSize', description: `Events per page, 1–${FEED_PAGE_MAX} (default 100).`, example: '100' },
    DTYPE,
  ],
  billing: { per: 'free' },
  envelope: PAGED,
  successMessage: '【有效请求】查询成功',
  resultSchema: {
    type: 'object',
    properties: {
      Next: { type: 'string', description: 'Cursor to pass as `after` next time' },
      Events: { type: 'array', items: { type: 'object', properties: { EventId: { type: 'string' }, Type: { type: 'string' }, KeyNo: { type: 'string' }, At: { type: 'string' }, Data: { type: 'object' } } } },
    },
  },
  handle: events,
};

export const MONITOR_INTERFACES: readonly InterfaceDeclaration[] = [MONITOR_ADD, MONITOR_REMOVE, MONITOR_LIST, MONITOR_EVENTS];
