/**
 * One made-up company with every field the shapes read, for /openapi.json: the result schemas are
 * inferred from what the shape builders make of it, so the description cannot drift from the code.
 */
import type { CompanyDocument } from '../companies/document.js';
import type { CompanyFacts, WireValue } from './company-shapes.js';

const DOC: CompanyDocument = {
  name: '上海测试科技有限公司',
  formerNames: ['上海测试贸易有限公司'],
  uscc: '91310115MA1H7J3K7G',
  regNo: '310115000000001',
  orgCode: 'MA1H7J3K7',
  companyType: '有限责任公司(自然人投资或控股)',
  status: '存续（在营、开业、在册）',
  legalRep: '张伟',
  registeredCapital: { amount: 10_000_000 },
  paidInCapital: { amount: 4_919_000 },
  establishedOn: '2012-07-10',
  termFrom: '2012-07-10',
  termTo: '2032-07-09',
  approvedOn: '2020-01-02',
  authority: '上海市浦东新区市场监督管理局',
  divisionCode: '310115',
  address: '上海市浦东新区张江路1号',
  industry: { code: 'I6510' },
  scope: '技术开发',
  insuredCount: 20,
  contact: { phone: '021-12345678', email: 'info@example.cn', website: 'https://example.cn' },
  shareholders: [{ name: '张伟', kind: 'person', subscribed: { amount: 4_919_000 }, subscribedOn: '2032-07-01', ratio: 0.4919 }],
  personnel: [{ name: '张伟', positions: ['经理', '执行董事'] }],
  branches: [{ name: '上海测试科技有限公司北京分公司', uscc: '91110105MA01ABCD2X', principal: '李娜' }],
  changes: [{ date: '2016-06-23', item: '名称变更', before: '上海测试贸易有限公司', after: '上海测试科技有限公司' }],
  dishonest: [{ caseNo: '(2021)沪0115执1号', court: '上海市浦东新区人民法院', filedOn: '2021-08-10', publishedOn: '2021-09-01', performance: '全部未履行' }],
};

export const SAMPLE_COMPANY: CompanyFacts = { keyNo: '0f1e2d3c4b5a69788796a5b4c3d2e1f0', doc: DOC, entityKind: 'ENTERPRISE', updatedAt: '2026-01-01T04:08:19.000Z' };

/** A JSON Schema for values shaped like `sample` (strings stay strings; nulls may be anything). */
export function schemaOf(sample: WireValue): Record<string, unknown> {
  if (sample === null) return {};
  if (typeof sample === 'string') return { type: 'string' };
  if (typeof sample === 'number') return { type: 'integer' };
  if (Array.isArray(sample)) return { type: 'array', items: sample.length > 0 ? schemaOf(sample[0]!) : {} };
  return { type: 'object', properties: Object.fromEntries(Object.entries(sample).map(([k, v]) => [k, v === null ? {} : schemaOf(v)])) };
}
