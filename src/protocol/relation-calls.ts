/**
 * The relation interfaces (issue 12 items 4 and 5) over the relation graph: `company/findRelation`
 * (how two companies are connected) and `EquityThrough/GetEquityThrough` (the upstream equity
 * penetration of ../shared/OPENAPI-SHAPES.md §8.1). Declared once each for the interface registry,
 * so permission (214 when not bought), price, quotas, audit and metrics are the registry's.
 *
 * Order of checks after the pipeline's: own parameters (202 bad depth or level; 213/215/202 for a
 * company identifier that cannot be one), then the balance (112/102), then the companies (201
 * `company_unknown` / `target_company_unknown`), then the graph (203 `relation_graph_unavailable`
 * when it has not been built: unknown is never answered as "no path"), then the answer (201
 * `no_path` when none within maxDepth); the charge is the last step, so only a success is charged.
 */
import { categorySupplied } from '../companies/categories.js';
import type { StatusNorm } from '../companies/normalise.js';
import { resolveCompany } from '../companies/resolver.js';
import { companyLookup, type StoredCompany } from '../companies/store.js';
import { checkBalance, charged } from './call-billing.js';
import { refuse } from './call-pipeline.js';
import type { InterfaceCall, InterfaceDeclaration, InterfaceDeps, ParameterSpec } from './interfaces.js';
import {
  EQUITY_THROUGH_MAX_LEVEL, MAX_PATHS, equityThroughResult, findRelationResult, keyNosOf, type RelationGraph,
} from './relation-shapes.js';

export const DEFAULT_MAX_DEPTH = 4;
export const MAX_MAX_DEPTH = 6;

const KEY: ParameterSpec = { name: 'key', required: true, description: 'The account key (32 lowercase hex characters).' };
const DTYPE: ParameterSpec = { name: 'dtype', description: '`json` (default) or `xml`: the envelope of the answer.', example: 'json' };


/** A whole number within [min, max] (default when absent or blank), else 202 `<reason>`. */
function boundedInteger(raw: string | undefined, fallback: number, min: number, max: number, reason: string): number {
  const text = raw?.trim();
  if (text === undefined || text === '') return fallback;
  const n = /^[0-9]{1,3}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) refuse('202', reason);
  return n;
}

/**
 * Resolves a company parameter like CreateReport does (KeyNo, USCC, registration number, current
 * or former name). Refusals of the identifier itself (213, 215, 202) come now, before the balance;
 * "not in the store" is answered after it, as 201 with `unknownReason`.
 */
async function companyParam(call: InterfaceCall, deps: InterfaceDeps, parameter: string, prefix: string, unknownReason: string): Promise<() => StoredCompany> {
  const resolved = await resolveCompany(call.param(parameter)!, companyLookup(deps.db), { includeUncovered: true });
  if (!resolved.ok && resolved.status !== '201') refuse(resolved.status, `${prefix}${resolved.reason}`);
  return () => (resolved.ok ? resolved.company : refuse('201', unknownReason));
}

/** The graph, when it has been built; 203 otherwise (not knowing is not "no relation"). */
async function readyGraph(deps: InterfaceDeps): Promise<RelationGraph> {
  const graph = deps.relationGraph;
  if (!graph || !(await graph.ready())) return refuse('203', 'relation_graph_unavailable');
  return graph;
}

// ---------------------------------------------------------------------------------------------
// findRelation

const RELATION_PATHS_SCHEMA = {
  type: 'object',
  properties: {
    Paths: {
      type: 'array',
      maxItems: MAX_PATHS,
      description: 'Shortest first.',
      items: {
        type: 'object',
        properties: {
          Length: { type: 'integer', description: 'Edges on the path.' },
          Nodes: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                Id: { type: 'string', description: 'A company\'s KeyNo, or the graph\'s person id (`p_…`).' },
                Type: { type: 'string', enum: ['company', 'person'] },
                Name: { type: 'string' },
                KeyNo: { type: ['string', 'null'], description: 'Companies of the store; null for persons and companies outside it.' },
              },
            },
          },
          Edges: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                From: { type: 'string', description: 'Node Id (the holder, officer, representative, investor or head office).' },
                To: { type: 'string', description: 'Node Id' },
                Type: { type: 'string', enum: ['shareholder', 'executive', 'legalRep', 'investment', 'branch'] },
                Label: { type: 'string', description: 'Positions of an executive (`执行董事、总经理`), else the kind in Chinese.' },
                Ratio: { type: ['string', 'null'], description: 'Shareholdings: `"70%"`; null otherwise or when unknown.' },
              },
            },
          },
        },
      },
    },
  },
} as const;

export const FIND_RELATION: InterfaceDeclaration = {
  name: 'company/findRelation',
  paths: ['company/findRelation'],
  alsoUnderApi: true,
  summary: `How two companies are connected through shareholdings, posts, legal representatives, investments and branches: up to ${MAX_PATHS} paths, shortest first. 201 no_path when none within maxDepth; 201 company_unknown / target_company_unknown when a company is not in the store; 203 relation_graph_unavailable (not charged) before the graph is built.`,
  parameters: [
    KEY,
    { name: 'keyNo', aliases: ['searchKey', 'keyword'], required: true, description: 'The first company: KeyNo, unified social credit code, registration number or name (as CreateReport accepts).', example: '上海测试科技有限公司' },
    { name: 'targetKeyNo', required: true, description: 'The second company, in any of the same forms.', example: '91310000MA1K000001' },
    { name: 'maxDepth', description: `Most edges on a path, ${1}–${MAX_MAX_DEPTH} (default ${DEFAULT_MAX_DEPTH}); anything else answers 202 max_depth_invalid.`, example: String(DEFAULT_MAX_DEPTH) },
    DTYPE,
  ],
  billing: { per: 'call', defaultPrice: 1 },
  envelope: { kind: 'data', orderNumberPrefix: 'COMPANY', paged: false },
  successMessage: '【有效请求】查询成功',
  resultSchema: RELATION_PATHS_SCHEMA,
  handle: async (call, deps) => {
    const maxDepth = boundedInteger(call.param('maxDepth'), DEFAULT_MAX_DEPTH, 1, MAX_MAX_DEPTH, 'max_depth_invalid');
    const from = await companyParam(call, deps, 'keyNo', '', 'company_unknown');
    const to = await companyParam(call, deps, 'targetKeyNo', 'target_', 'target_company_unknown');
    const price = checkBalance(call);
    const a = from();
    const b = to();
    if (a.keyNo === b.keyNo) return refuse('202', 'same_company');
    const graph = await readyGraph(deps);
    const paths = await graph.paths(a.keyNo, b.keyNo, { maxDepth, limit: MAX_PATHS });
    if (paths.length === 0) return refuse('201', 'no_path');
    return charged(call, deps, price, { status: '200', result: findRelationResult(paths) });
  },
};

// ---------------------------------------------------------------------------------------------
// EquityThrough/GetEquityThrough

/** Short registration status (`ShortStatus`) by the store's normalised status. */
const SHORT_STATUS: Readonly<Record<StatusNorm, string>> = {
  ACTIVE: '存续', MOVED_IN: '迁入', MOVED_OUT: '迁出', SUSPENDED: '停业', LIQUIDATING: '清算', REVOKED: '吊销',
  CANCELLED: '注销', ANNULLED: '撤销', ORDERED_CLOSED: '责令关闭', OTHER: '',
};

async function statusesOf(deps: InterfaceDeps, keyNos: readonly string[]): Promise<Map<string, string>> {
  if (keyNos.length === 0) return new Map();
  const rows = await deps.db.selectFrom('companies').select(['key_no', 'status_norm']).where('key_no', 'in', keyNos).execute();
  return new Map(rows.map((r) => [r.key_no, SHORT_STATUS[r.status_norm as StatusNorm] ?? '']));
}

const NODE_PROPERTIES = {
  KeyNo: { type: 'string', description: 'Stored company\'s KeyNo, the graph\'s person id (`p_…`), or "" for a company outside the store.' },
  Name: { type: 'string' },
  Category: { type: 'string', enum: ['0', '1', '2'], description: '`0` company, `2` natural person, `1` other holder (government, fund…).' },
  FundedRatio: { type: 'string', description: 'Holding in the parent node, `"56.3%"`; "" when unknown.' },
  InParentActualRadio: { type: 'string', description: 'Effective holding in the queried company (product along the path), `"33.6%"`; "" when a ratio on the way is unknown.' },
  Count: { type: 'string', description: 'Number of children.' },
  Grade: { type: 'string', description: 'Level, `"1"`..`"4"`.' },
  ShouldCapi: { type: 'string', description: 'Subscribed capital with its unit, or "".' },
  StockRightNum: { type: 'string', description: 'Share count: not in the store, always "".' },
  ShortStatus: { type: 'string', description: 'Short registration status of a stored company (`存续`, `注销`…), else "".' },
  Children: { type: ['array', 'null'], description: 'Next level (null when none or past `level`).', items: { type: 'object' } },
} as const;

export const EQUITY_THROUGH: InterfaceDeclaration = {
  name: 'EquityThrough/GetEquityThrough',
  paths: ['EquityThrough/GetEquityThrough'],
  summary: 'Upstream equity penetration, up to 4 levels (OPENAPI-SHAPES.md §8.1). 203 category_not_supplied when the source gave no shareholder list for the company; 201 no_records when it gave an empty one; 203 relation_graph_unavailable before the graph is built (neither charged).',
  parameters: [
    KEY,
    { name: 'keyWord', aliases: ['keyword', 'searchKey', 'keyNo'], required: true, description: 'Company name, unified social credit code, registration number or KeyNo.', example: '上海测试科技有限公司' },
    { name: 'level', description: `Levels of holders, 1–${EQUITY_THROUGH_MAX_LEVEL} (default ${EQUITY_THROUGH_MAX_LEVEL}); anything else answers 202 level_invalid.`, example: '4' },
    DTYPE,
  ],
  billing: { per: 'call', defaultPrice: 1 },
  envelope: { kind: 'data', orderNumberPrefix: 'EQUITYTHROUGH', paged: false },
  successMessage: '【有效请求】查询成功',
  resultSchema: {
    type: 'object',
    properties: {
      KeyNo: { type: 'string' }, Name: { type: 'string' }, Count: { type: 'string', description: 'Number of direct shareholders.' },
      Children: { type: ['array', 'null'], items: { type: 'object', properties: NODE_PROPERTIES } },
    },
  },
  handle: async (call, deps) => {
    const level = boundedInteger(call.param('level'), EQUITY_THROUGH_MAX_LEVEL, 1, EQUITY_THROUGH_MAX_LEVEL, 'level_invalid');
    const company = await companyParam(call, deps, 'keyWord', '', 'company_unknown');
    const price = checkBalance(call);
    const c = company();
    // Unknown is not "none": a list the source never supplied is not answered as empty.
    if (!categorySupplied(c.doc, 'shareholders') || c.doc.shareholders === undefined) return refuse('203', 'category_not_supplied');
    if (c.doc.shareholders.length === 0) return refuse('201', 'no_records');
    const graph = await readyGraph(deps);
    const facts = await graph.facts(c.keyNo, level);
    if (!facts) return refuse('203', 'relation_graph_unavailable');
    const statuses = await statusesOf(deps, keyNosOf(facts.penetration, level));
    return charged(call, deps, price, { status: '200', result: equityThroughResult(facts.penetration, level, (k) => statuses.get(k)) });
  },
};

export const RELATION_INTERFACES: readonly InterfaceDeclaration[] = [FIND_RELATION, EQUITY_THROUGH];
